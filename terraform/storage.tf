resource "google_artifact_registry_repository" "templates" {
  project       = var.project_id
  location      = var.region
  repository_id = "sales-templates"
  description   = "Flex Template images of the sales pipelines, one per template, tagged by release."
  format        = "DOCKER"
  labels        = { app = "sales-analytics" }
  depends_on    = [google_project_service.apis]
}

# Flex Template spec files, one folder per release. Versioned, so deleting a file leaves a
# noncurrent version behind and a bucket emptied by hand still holds objects: destroy empties it,
# every generation, once deletion_protection is lifted, and never while it is on.
resource "google_storage_bucket" "templates" {
  project                     = var.project_id
  name                        = "${var.project_id}-dataflow-templates"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection
  labels                      = { app = "sales-analytics" }
  depends_on                  = [google_project_service.apis, google_kms_crypto_key_iam_member.service_agents]

  dynamic "encryption" {
    for_each = local.kms_key_names
    content {
      default_kms_key_name = encryption.value
    }
  }

  versioning {
    enabled = true
  }
}

# Dataflow temp and staging files: short-lived.
resource "google_storage_bucket" "temp" {
  project                     = var.project_id
  name                        = "${var.project_id}-dataflow-temp"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = { app = "sales-analytics" }
  depends_on                  = [google_project_service.apis, google_kms_crypto_key_iam_member.service_agents]

  dynamic "encryption" {
    for_each = local.kms_key_names
    content {
      default_kms_key_name = encryption.value
    }
  }

  lifecycle_rule {
    condition {
      age = var.temp_retention_days
    }
    action {
      type = "Delete"
    }
  }
}

# Cloud Build's Maven cache (m2/: written only by release builds, read by pull-request builds) and
# the source a manual release uploads (source/: `gcloud builds submit --gcs-source-staging-dir`).
# A cache: rebuilt on demand, so it expires and goes with the platform.
resource "google_storage_bucket" "build_cache" {
  project                     = var.project_id
  name                        = "${var.project_id}-build-cache"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = { app = "sales-analytics" }
  depends_on                  = [google_project_service.apis, google_kms_crypto_key_iam_member.service_agents]

  dynamic "encryption" {
    for_each = local.kms_key_names
    content {
      default_kms_key_name = encryption.value
    }
  }

  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }
}
