resource "google_pubsub_topic" "sales" {
  project                    = var.project_id
  name                       = "retail-sales-stream"
  message_retention_duration = var.message_retention_duration
  labels                     = { app = "sales-analytics" }
  depends_on                 = [google_project_service.apis]
}

resource "google_pubsub_topic" "dead_letter" {
  project                    = var.project_id
  name                       = "retail-sales-stream-dead-letter"
  message_retention_duration = "2678400s"
  labels                     = { app = "sales-analytics" }
  depends_on                 = [google_project_service.apis]
}

# One subscription per consuming pipeline, so each gets every message.
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

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }
}

# Somewhere to read what was dead-lettered.
resource "google_pubsub_subscription" "dead_letter" {
  project                    = var.project_id
  name                       = "retail-sales-stream-dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"
  labels                     = { app = "sales-analytics" }

  expiration_policy {
    ttl = ""
  }
}

# Pub/Sub moves undeliverable messages itself: its service agent must publish to the dead-letter
# topic and acknowledge on the source subscriptions.
locals {
  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_forwarder" {
  for_each     = google_pubsub_subscription.pipelines
  project      = var.project_id
  subscription = each.value.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}
