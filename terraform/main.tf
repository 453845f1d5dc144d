locals {
  bigquery_location = coalesce(var.bigquery_location, var.region)

  apis = toset([
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "bigquerystorage.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudkms.googleapis.com",             # grants on the customer-managed key, if one is set (enabling it is free)
    "cloudresourcemanager.googleapis.com", # project IAM grants read and write the project's policy through it
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com",
    "dataflow.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "storage.googleapis.com",
    "sts.googleapis.com",
  ])

  # Column definitions: the same files the pipelines read (one source for Java and Terraform).
  schema_dir = "${path.module}/../templates/src/main/resources/bigquery"

  # primary_key: the tables the pipelines write by key with the Storage Write API's CDC upserts
  # (SalesTable.Writes.LATEST_RESULT, key = SalesTable.rowKey()); BigQuery CDC needs a declared,
  # unenforced primary key (https://cloud.google.com/bigquery/docs/change-data-capture). Append
  # tables declare none: at-least-once writes may duplicate rows, and an unenforced key is a
  # promise the query planner may rely on.
  # expiration_days: the keyed tables are the live layer (minute KPIs, pipeline health) and every
  # CDC background apply job reads them whole, so they keep less history; longer views come from
  # sales_cleaned.
  tables = {
    sales_raw = {
      partition_field = "publish_time"
      clustering      = ["store_id"]
      primary_key     = []
      expiration_days = var.partition_expiration_days
      description     = "Every sales message exactly as received, valid or not: the audit and replay layer."
    }
    sales_cleaned = {
      partition_field = "event_timestamp"
      clustering      = ["store_id"]
      primary_key     = []
      expiration_days = var.partition_expiration_days
      description     = "One validated sale per transaction_id with exact totals."
    }
    sales_dead_letter = {
      partition_field = "failed_at"
      clustering      = ["error_code"]
      primary_key     = []
      expiration_days = var.partition_expiration_days
      description     = "Events the pipelines could not turn into rows, with the reason, the stage and the original payload."
    }
    sales_dead_letter_replays = {
      partition_field = "replayed_at"
      clustering      = ["dead_letter_id"]
      primary_key     = []
      expiration_days = var.partition_expiration_days
      description     = "What replaying each dead letter gave (replay-dead-letters): passed, so the dead letter is resolved, or failed again and why."
    }
    sales_line_items = {
      partition_field = "event_timestamp"
      clustering      = ["store_id", "product_id"]
      primary_key     = []
      expiration_days = var.partition_expiration_days
      description     = "One row per line of each cleaned sale, for product analysis without parsing payloads."
    }
    sales_store_kpis = {
      partition_field = "window_start"
      clustering      = ["store_id"]
      primary_key     = ["store_id", "window_start", "currency"]
      expiration_days = var.result_partition_expiration_days
      description     = "Latest KPIs per store, event-time window and currency, with the result's timing and whether it is final."
    }
    sales_pipeline_health = {
      partition_field = "window_start"
      clustering      = []
      primary_key     = ["window_start"]
      expiration_days = var.result_partition_expiration_days
      description     = "Per window of publish time: every message read accounted for as cleaned, dead-lettered, duplicate or dropped late."
    }
  }

  # Jobs and the schedule exist once a release of the templates has been published.
  released    = var.template_version != null
  spec_prefix = "gs://${google_storage_bucket.templates.name}/templates/${coalesce(var.template_version, "unreleased")}"
}

resource "google_project_service" "apis" {
  for_each           = local.apis
  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}
