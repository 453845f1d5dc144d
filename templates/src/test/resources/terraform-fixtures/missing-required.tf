resource "google_storage_bucket" "nowhere" {
  name = "retail-analytics-prod-nowhere"

  lifecycle_rule {
    condition {
      age = 3
    }
  }
}
