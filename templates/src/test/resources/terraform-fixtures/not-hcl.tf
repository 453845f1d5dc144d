resource "google_storage_bucket" "broken" {
  name = "unterminated
