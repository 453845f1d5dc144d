# The two streaming pipelines, run from the released Flex Templates.
locals {
  streaming_jobs = {
    sales-raw-ingest   = google_pubsub_subscription.pipelines["sales-raw-ingest"].id
    sales-stream-clean = google_pubsub_subscription.pipelines["sales-stream-clean"].id
  }
  output_dataset   = "${var.project_id}:${google_bigquery_dataset.sales.dataset_id}"
  ip_configuration = var.use_public_ips ? "WORKER_IP_PUBLIC" : "WORKER_IP_PRIVATE"
}

resource "google_dataflow_flex_template_job" "streaming" {
  provider                = google-beta
  for_each                = local.released ? local.streaming_jobs : {}
  project                 = var.project_id
  region                  = var.region
  name                    = each.key
  container_spec_gcs_path = "${local.spec_prefix}/${each.key}.json"
  service_account_email   = google_service_account.pipelines[each.key].email
  temp_location           = "gs://${google_storage_bucket.temp.name}/tmp"
  staging_location        = "gs://${google_storage_bucket.temp.name}/staging"
  subnetwork              = local.subnetwork
  ip_configuration        = local.ip_configuration
  enable_streaming_engine = true
  max_workers             = var.max_workers
  kms_key_name            = var.kms_key_name
  on_delete               = "drain"
  # A change of release (container_spec_gcs_path) is sent as an in-place update that keeps the
  # streaming state; only name, region, project, max_workers and enable_streaming_engine replace the job.
  transform_name_mapping = var.transform_name_mappings
  labels                 = { app = "sales-analytics", template = each.key }

  parameters = {
    inputSubscription = each.value
    outputDataset     = local.output_dataset
  }

  depends_on = [
    google_project_iam_member.dataflow_worker,
    google_storage_bucket_iam_member.dataflow_temp,
    google_storage_bucket_iam_member.dataflow_specs,
    google_artifact_registry_repository_iam_member.dataflow_images,
    google_pubsub_subscription_iam_member.pipeline_subscriber,
    google_pubsub_subscription_iam_member.pipeline_subscription_viewer,
    google_bigquery_dataset_iam_member.pipeline_data,
    google_bigquery_table.sales,
    google_compute_subnetwork.dataflow,
    google_compute_firewall.dataflow_workers,
    google_kms_crypto_key_iam_member.service_agents,
  ]
}
