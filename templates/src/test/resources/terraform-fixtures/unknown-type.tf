resource "google_pubsub_topik" "sales" {
  name = "retail-sales-stream"
}

resource "google_dataflow_flex_template_job" "needs_beta" {
  name                    = "sales-stream-clean"
  container_spec_gcs_path = "gs://bucket/templates/1.0.0/sales-stream-clean.json"
}
