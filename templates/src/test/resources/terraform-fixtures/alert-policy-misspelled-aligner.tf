# Valid HCL and valid against the provider schema, but Cloud Monitoring has no aligner ALIGN_MAXIMUM.
resource "google_monitoring_alert_policy" "typo" {
  display_name = "Backlog too old"
  combiner     = "OR"

  conditions {
    display_name = "Oldest unacknowledged message"
    condition_threshold {
      filter          = "metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND resource.type = \"pubsub_subscription\""
      comparison      = "COMPARISON_GT"
      threshold_value = 600
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAXIMUM"
      }
    }
  }
}
