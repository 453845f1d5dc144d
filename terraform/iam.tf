# One service account per role, each granted only what it uses, on the resource wherever IAM
# allows it. Project-level grants are limited to roles that exist only at project level.

# Every template's jobs run as the template's own account, named like it (the launcher's default
# --service-account and the catalog's examples use the same names), so each job may touch only
# what its pipeline uses: raw ingest cannot read the stream-clean subscription, the simulator can
# only publish, only the backfill and the dead-letter replay run BigQuery jobs.
locals {
  pipelines = {
    sales-raw-ingest          = "Sales raw ingest: its subscription to sales_raw"
    sales-stream-clean        = "Sales stream clean: its subscription to sales_cleaned"
    sales-backfill            = "Sales backfill: sales_raw to sales_cleaned, launched daily"
    sales-simulator           = "Sales simulator: publishes test sales to the topic"
    sales-replay-dead-letters = "Sales dead-letter replay: dead letters to sales_cleaned, launched by hand"
  }
  bigquery_writers = toset(["sales-raw-ingest", "sales-stream-clean", "sales-backfill", "sales-replay-dead-letters"])
}

resource "google_service_account" "pipelines" {
  for_each     = local.pipelines
  project      = var.project_id
  account_id   = each.key
  display_name = each.value
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = "sales-backfill-scheduler"
  display_name = "Cloud Scheduler: launches the daily sales-backfill template"
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "ci" {
  project      = var.project_id
  account_id   = "sales-ci-publisher"
  display_name = "CI: publishes template images and spec files"
  depends_on   = [google_project_service.apis]
}

locals {
  pipeline_members = { for id, account in google_service_account.pipelines : id => "serviceAccount:${account.email}" }
  scheduler        = "serviceAccount:${google_service_account.scheduler.email}"
  ci               = "serviceAccount:${google_service_account.ci.email}"
}

# --- Every pipeline: run as a Dataflow worker, stage files, read its spec file and image ---

resource "google_project_iam_member" "dataflow_worker" {
  for_each = local.pipeline_members
  project  = var.project_id
  role     = "roles/dataflow.worker" # project-level only
  member   = each.value
}

resource "google_storage_bucket_iam_member" "dataflow_temp" {
  for_each = local.pipeline_members
  bucket   = google_storage_bucket.temp.name
  role     = "roles/storage.objectAdmin"
  member   = each.value
}

resource "google_storage_bucket_iam_member" "dataflow_specs" {
  for_each = local.pipeline_members
  bucket   = google_storage_bucket.templates.name
  role     = "roles/storage.objectViewer"
  member   = each.value
}

resource "google_artifact_registry_repository_iam_member" "dataflow_images" {
  for_each   = local.pipeline_members
  project    = var.project_id
  location   = google_artifact_registry_repository.templates.location
  repository = google_artifact_registry_repository.templates.name
  role       = "roles/artifactregistry.reader"
  member     = each.value
}

# --- Pipelines reading Pub/Sub: their own subscription, nothing else ---

resource "google_pubsub_subscription_iam_member" "pipeline_subscriber" {
  for_each     = google_pubsub_subscription.pipelines
  project      = var.project_id
  subscription = each.value.name
  role         = "roles/pubsub.subscriber"
  member       = local.pipeline_members[each.key]
}

# Subscriber can pull and acknowledge but not read the subscription's configuration
# (pubsub.subscriptions.get), which Dataflow's Pub/Sub source also calls.
resource "google_pubsub_subscription_iam_member" "pipeline_subscription_viewer" {
  for_each     = google_pubsub_subscription.pipelines
  project      = var.project_id
  subscription = each.value.name
  role         = "roles/pubsub.viewer"
  member       = local.pipeline_members[each.key]
}

# --- Pipelines writing the dataset; the backfill also runs load and script jobs ---

resource "google_bigquery_dataset_iam_member" "pipeline_data" {
  for_each   = local.bigquery_writers
  project    = var.project_id
  dataset_id = google_bigquery_dataset.sales.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = local.pipeline_members[each.key]
}

resource "google_bigquery_dataset_iam_member" "backfill_tmp" {
  project    = var.project_id
  dataset_id = google_bigquery_dataset.backfill_tmp.dataset_id
  role       = "roles/bigquery.dataEditor" # the read-back query's result tables, read and dropped by Beam
  member     = local.pipeline_members["sales-backfill"]
}

resource "google_project_iam_member" "backfill_bigquery_jobs" {
  project = var.project_id
  role    = "roles/bigquery.jobUser" # backfill load, script and read-back query jobs; project-level only
  member  = local.pipeline_members["sales-backfill"]
}

resource "google_project_iam_member" "backfill_bigquery_read_sessions" {
  project = var.project_id
  role    = "roles/bigquery.readSessionUser" # backfill's Storage Read API sessions; project-level only
  member  = local.pipeline_members["sales-backfill"]
}

# --- The dead-letter replay: the backfill's writes, plus a query job selecting dead letters ---

resource "google_bigquery_dataset_iam_member" "replay_tmp" {
  project    = var.project_id
  dataset_id = google_bigquery_dataset.backfill_tmp.dataset_id
  role       = "roles/bigquery.dataEditor" # the selection and read-back query results, read and dropped by Beam
  member     = local.pipeline_members["sales-replay-dead-letters"]
}

resource "google_project_iam_member" "replay_bigquery_jobs" {
  project = var.project_id
  role    = "roles/bigquery.jobUser" # replay load, script and query jobs; project-level only
  member  = local.pipeline_members["sales-replay-dead-letters"]
}

resource "google_project_iam_member" "replay_bigquery_read_sessions" {
  project = var.project_id
  role    = "roles/bigquery.readSessionUser" # Storage Read API sessions of its query results; project-level only
  member  = local.pipeline_members["sales-replay-dead-letters"]
}

# --- Simulator: publish to the sales topic, nothing else ---

resource "google_pubsub_topic_iam_member" "simulator_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.sales.name
  role    = "roles/pubsub.publisher"
  member  = local.pipeline_members["sales-simulator"]
}

# --- Scheduler: launch the backfill template, and only that one ---

resource "google_project_iam_custom_role" "backfill_launcher" {
  project     = var.project_id
  role_id     = "salesBackfillLauncher"
  title       = "Sales backfill launcher"
  description = "Create and read Dataflow jobs; which template is limited by the spec files it may read."
  permissions = ["dataflow.jobs.create", "dataflow.jobs.get"]
  depends_on  = [google_project_service.apis]
}

resource "google_project_iam_member" "scheduler_launch" {
  project = var.project_id
  role    = google_project_iam_custom_role.backfill_launcher.id
  member  = local.scheduler
}

resource "google_storage_bucket_iam_member" "scheduler_backfill_spec" {
  bucket = google_storage_bucket.templates.name
  role   = "roles/storage.objectViewer"
  member = local.scheduler
  condition {
    title       = "sales-backfill spec files only"
    description = "The scheduler may read the backfill template's spec files and no other template's."
    expression  = "resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.templates.name}/objects/templates/\") && resource.name.endsWith(\"/sales-backfill.json\")"
  }
}

resource "google_service_account_iam_member" "scheduler_runs_as_backfill" {
  service_account_id = google_service_account.pipelines["sales-backfill"].name
  role               = "roles/iam.serviceAccountUser"
  member             = local.scheduler
}

# --- CI: push images, write spec files ---

resource "google_artifact_registry_repository_iam_member" "ci_push" {
  project    = var.project_id
  location   = google_artifact_registry_repository.templates.location
  repository = google_artifact_registry_repository.templates.name
  role       = "roles/artifactregistry.writer"
  member     = local.ci
}

resource "google_storage_bucket_iam_member" "ci_specs" {
  bucket = google_storage_bucket.templates.name
  role   = "roles/storage.objectUser"
  member = local.ci
}

# --- Cloud Build: each build runs as the account its config names (cloudbuild/*.yaml) ---
# Releases and pull requests apart, so code under review never holds a release's grants.

resource "google_service_account" "release_build" {
  project      = var.project_id
  account_id   = "sales-release-build"
  display_name = "Cloud Build: releases the templates (cloudbuild/release.yaml)"
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "pr_build" {
  project      = var.project_id
  account_id   = "sales-pr-build"
  display_name = "Cloud Build: tests pull requests (cloudbuild/pr.yaml)"
  depends_on   = [google_project_service.apis]
}

locals {
  release_build = "serviceAccount:${google_service_account.release_build.email}"
  pr_build      = "serviceAccount:${google_service_account.pr_build.email}"
}

# A build with its own account must log to Cloud Logging (both configs: CLOUD_LOGGING_ONLY) with
# roles/logging.logWriter, or to a bucket of its own
# (https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts).
# Release builds then push images, write spec files and save the Maven cache.

resource "google_project_iam_member" "release_build_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter" # project-level only
  member  = local.release_build
}

resource "google_artifact_registry_repository_iam_member" "release_build_push" {
  project    = var.project_id
  location   = google_artifact_registry_repository.templates.location
  repository = google_artifact_registry_repository.templates.name
  role       = "roles/artifactregistry.writer"
  member     = local.release_build
}

resource "google_storage_bucket_iam_member" "release_build_specs" {
  bucket = google_storage_bucket.templates.name
  role   = "roles/storage.objectUser"
  member = local.release_build
}

resource "google_storage_bucket_iam_member" "release_build_cache" {
  bucket = google_storage_bucket.build_cache.name
  role   = "roles/storage.objectUser" # restores and saves the cache; reads a manual build's staged source
  member = local.release_build
}

# Pull-request builds write logs and read the release builds' cache, nothing else.

resource "google_project_iam_member" "pr_build_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter" # project-level only
  member  = local.pr_build
}

resource "google_storage_bucket_iam_member" "pr_build_cache" {
  bucket = google_storage_bucket.build_cache.name
  role   = "roles/storage.objectViewer"
  member = local.pr_build
}

# --- Dashboard viewers: read the sales_data dataset and run query jobs, nothing else ---
# Querying a view needs read access to the tables it reads too (the views are not authorized
# views), so the grant is on the dataset; query jobs need bigquery.jobs.create on the project
# (https://cloud.google.com/bigquery/docs/access-control). See docs/dashboards.md, "Permissions".

resource "google_bigquery_dataset_iam_member" "dashboard_viewers" {
  for_each   = toset(var.dashboard_viewers)
  project    = var.project_id
  dataset_id = google_bigquery_dataset.sales.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = each.value
  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "dashboard_viewers_jobs" {
  for_each   = toset(var.dashboard_viewers)
  project    = var.project_id
  role       = "roles/bigquery.jobUser" # the dashboards' query jobs; project-level only
  member     = each.value
  depends_on = [google_project_service.apis]
}
