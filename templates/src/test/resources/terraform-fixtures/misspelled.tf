resource "google_storage_bucket" "typo" {
  name                        = "retail-analytics-prod-typo"
  location                    = "europe-west1"
  uniform_bucket_level_acess  = true
  public_access_prevention    = "enforced"
}
