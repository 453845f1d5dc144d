# Customer-managed encryption: with var.kms_key_name set, the datasets, the topic, the buckets and
# the Dataflow jobs are encrypted with it, and the Google service agents that encrypt and decrypt
# for them may use it. Null (the default) leaves all of it out: Google-managed encryption.
# Which agent needs the key, and why: docs/security-encryption.md.
locals {
  # Zero or one key, for the dynamic encryption blocks of datasets and buckets.
  kms_key_names = var.kms_key_name == null ? [] : [var.kms_key_name]
  # join, not one(): without a key the lookups below are skipped, and locals are evaluated all the
  # same; a null in a string template fails the plan, an empty string is harmless (nothing uses it).
  project_number = join("", data.google_project.this[*].number)

  kms_service_agents = {
    bigquery = "serviceAccount:${join("", data.google_bigquery_default_service_account.this[*].email)}"
    storage  = "serviceAccount:${join("", data.google_storage_project_service_account.this[*].email_address)}"
    pubsub   = "serviceAccount:service-${local.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
    # Dataflow encrypts the job's state (Streaming Engine, shuffle) ...
    dataflow = "serviceAccount:service-${local.project_number}@dataflow-service-producer-prod.iam.gserviceaccount.com"
    # ... and Compute Engine the workers' persistent disks.
    compute = "serviceAccount:service-${local.project_number}@compute-system.iam.gserviceaccount.com"
  }
}

# Read only when a key is set: the BigQuery and Cloud Storage lookups create their service agents.
data "google_project" "this" {
  count      = var.kms_key_name == null ? 0 : 1
  project_id = var.project_id
}

data "google_bigquery_default_service_account" "this" {
  count      = var.kms_key_name == null ? 0 : 1
  project    = var.project_id
  depends_on = [google_project_service.apis]
}

data "google_storage_project_service_account" "this" {
  count      = var.kms_key_name == null ? 0 : 1
  project    = var.project_id
  depends_on = [google_project_service.apis]
}

# On the key itself, not the project: these agents may use this key and no other.
resource "google_kms_crypto_key_iam_member" "service_agents" {
  for_each      = var.kms_key_name == null ? {} : local.kms_service_agents
  crypto_key_id = var.kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = each.value
  # The Pub/Sub, Dataflow and Compute Engine agents exist once their APIs are enabled.
  depends_on = [google_project_service.apis]

  lifecycle {
    # BigQuery needs the key in the dataset's location, Cloud Storage in the bucket's, Dataflow in
    # the job's region: one key serves them all only in var.region.
    precondition {
      condition     = split("/", var.kms_key_name)[3] == var.region && lower(local.bigquery_location) == var.region
      error_message = "kms_key_name must be a key in var.region (${var.region}), and bigquery_location must then be ${var.region} too: BigQuery, Cloud Storage and Dataflow each need the key in their resource's location."
    }
  }
}
