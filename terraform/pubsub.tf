resource "google_pubsub_topic" "sales" {
  project                    = var.project_id
  name                       = "retail-sales-stream"
  message_retention_duration = var.message_retention_duration
  kms_key_name               = var.kms_key_name
  labels                     = { app = "sales-analytics" }
  depends_on                 = [google_project_service.apis, google_kms_crypto_key_iam_member.service_agents]
}

# One subscription per consuming pipeline, so each gets every message. No retry or dead-letter
# policy: Pub/Sub documents both as unsupported with Dataflow, which acknowledges on its own
# schedule (https://cloud.google.com/pubsub/docs/handling-failures). Messages that cannot be
# processed become rows of sales_dead_letter instead.
resource "google_pubsub_subscription" "pipelines" {
  for_each                   = toset(["sales-raw-ingest", "sales-stream-clean"])
  project                    = var.project_id
  name                       = each.value
  topic                      = google_pubsub_topic.sales.id
  ack_deadline_seconds       = 60
  message_retention_duration = var.message_retention_duration
  retain_acked_messages      = false
  labels                     = { app = "sales-analytics", pipeline = each.value }

  expiration_policy {
    ttl = "" # never expires while idle
  }
}
