# Every day, backfill the previous UTC day: the request is static, so the range is relative
# ("today-1d" to "today"), resolved by the template when it starts.
locals {
  backfill_launch_request = {
    launchParameter = {
      jobName              = "sales-backfill-daily"
      containerSpecGcsPath = "${local.spec_prefix}/sales-backfill.json"
      parameters = {
        outputDataset = local.output_dataset
        from          = "today-1d"
        to            = "today"
      }
      # The same request `launch sales-backfill --dry-run` prints (a test compares them).
      environment = {
        serviceAccountEmail  = google_service_account.pipelines["sales-backfill"].email
        tempLocation         = "gs://${google_storage_bucket.temp.name}/tmp"
        stagingLocation      = "gs://${google_storage_bucket.temp.name}/staging"
        subnetwork           = local.subnetwork
        ipConfiguration      = local.ip_configuration
        maxWorkers           = 10
        kmsKeyName           = var.kms_key_name
        additionalUserLabels = { app = "sales-analytics", template = "sales-backfill" }
      }
    }
  }
}

resource "google_cloud_scheduler_job" "daily_backfill" {
  count            = local.released ? 1 : 0
  project          = var.project_id
  region           = var.region
  name             = "sales-backfill-daily"
  description      = "Launches the sales-backfill Flex Template for the previous UTC day."
  schedule         = var.backfill_schedule
  time_zone        = var.backfill_time_zone
  attempt_deadline = "320s"

  retry_config {
    retry_count          = 3
    min_backoff_duration = "60s"
  }

  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project_id}/locations/${var.region}/flexTemplates:launch"
    headers     = { "Content-Type" = "application/json" }
    body        = base64encode(jsonencode(local.backfill_launch_request))

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [
    google_project_iam_member.scheduler_launch,
    google_storage_bucket_iam_member.scheduler_backfill_spec,
    google_service_account_iam_member.scheduler_runs_as_backfill,
    google_compute_subnetwork.dataflow,
    google_compute_firewall.dataflow_workers,
    google_kms_crypto_key_iam_member.service_agents,
  ]
}
