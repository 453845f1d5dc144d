output "topic" {
  description = "Pub/Sub topic the stores (and the simulator) publish sales to."
  value       = google_pubsub_topic.sales.id
}

output "subscriptions" {
  description = "Subscription of each consuming pipeline, by template id (the templates' inputSubscription)."
  value       = { for name, s in google_pubsub_subscription.pipelines : name => s.id }
}

output "dataflow_subnetwork" {
  description = "Subnetwork every job and launcher VM runs in (the templates' --subnetwork): the provisioned sales-dataflow one unless var.subnetwork names another."
  value       = local.subnetwork
}

output "dataset" {
  description = "BigQuery dataset as PROJECT:DATASET (the templates' outputDataset)."
  value       = local.output_dataset
}

output "image_repository" {
  description = "Artifact Registry repository for the template images (REGION-docker.pkg.dev/PROJECT/REPOSITORY)."
  value       = "${google_artifact_registry_repository.templates.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.templates.repository_id}"
}

output "spec_bucket" {
  description = "Bucket of the Flex Template spec files (templates/VERSION/TEMPLATE.json)."
  value       = google_storage_bucket.templates.name
}

output "temp_bucket" {
  description = "Bucket for Dataflow temp and staging files."
  value       = google_storage_bucket.temp.name
}

output "pipeline_service_accounts" {
  description = "Service account each template's jobs run as (--service-account-email), by template id: TEMPLATE@PROJECT.iam.gserviceaccount.com."
  value       = { for id, account in google_service_account.pipelines : id => account.email }
}

output "scheduler_service_account" {
  description = "Service account Cloud Scheduler launches the daily backfill with."
  value       = google_service_account.scheduler.email
}

output "ci_service_account" {
  description = "Service account GitHub Actions impersonates to publish releases."
  value       = google_service_account.ci.email
}

output "release_build_service_account" {
  description = "Service account release builds run as (cloudbuild/release.yaml; the tag trigger's --service-account)."
  value       = google_service_account.release_build.email
}

output "pr_build_service_account" {
  description = "Service account pull-request builds run as (cloudbuild/pr.yaml; the PR trigger's --service-account)."
  value       = google_service_account.pr_build.email
}

output "build_cache_bucket" {
  description = "Cloud Build's Maven cache and the staging bucket of a manual release (--gcs-source-staging-dir=gs://BUCKET/source)."
  value       = google_storage_bucket.build_cache.name
}

output "workload_identity_provider" {
  description = "Workload Identity provider for google-github-actions/auth (projects/NUMBER/locations/global/workloadIdentityPools/github/providers/github-actions)."
  value       = try(google_iam_workload_identity_pool_provider.github[0].name, null)
}

output "backfill_launch_request" {
  description = "The flexTemplates:launch request Cloud Scheduler sends every day (null before a release is deployed)."
  value       = local.released ? local.backfill_launch_request : null
}

output "audit_log_bucket" {
  description = "Log bucket of the Data Access audit logs (docs/security-audit-logs.md): read it with gcloud logging read --bucket=sales-audit --location=global --view=_AllLogs."
  value       = google_logging_project_bucket_config.audit.id
}
