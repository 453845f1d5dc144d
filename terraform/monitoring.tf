# Monitoring as code: one dashboard and four alert policies per deployment (one project is one
# environment). What each chart and alert means and what to do: docs/operations.md, "Monitoring".
#
# Metrics, as Google lists them:
#   Dataflow  https://cloud.google.com/monitoring/api/metrics_gcp_d_h#gcp-dataflow
#             (job/system_lag, job/data_watermark_age, job/is_failed, and job/user_counter: every
#             Beam Counter of the pipelines, a GAUGE of its running total labelled metric_name)
#   Pub/Sub   https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-pubsub
# A GAUGE cannot be aligned with ALIGN_DELTA or ALIGN_RATE, so counters are read with PromQL's
# delta() (https://cloud.google.com/monitoring/promql/promql-mapping for the metric names).
locals {
  # Jobs and subscriptions are selected by name (RE2, whole name). Terraform names the streaming
  # jobs after their template; jobs launched by hand add a suffix (docs/operations.md). A test
  # keeps these in step with local.streaming_jobs and the subscriptions.
  monitored_streaming_jobs = "(sales-raw-ingest|sales-stream-clean)(-.*)?"
  monitored_subscriptions  = "sales-raw-ingest|sales-stream-clean"
  # Every job of the platform: the streaming jobs and the daily backfill (sales-backfill-daily).
  monitored_jobs = "sales-.*"

  dashboard_variables = {
    project_id                  = var.project_id
    streaming_jobs              = local.monitored_streaming_jobs
    subscriptions               = local.monitored_subscriptions
    all_jobs                    = local.monitored_jobs
    backlog_age_threshold       = var.alert_backlog_age_seconds
    data_freshness_threshold    = var.alert_data_freshness_seconds
    dead_letter_share_threshold = var.alert_dead_letter_share
  }
}

resource "google_monitoring_dashboard" "pipelines" {
  project        = var.project_id
  dashboard_json = templatefile("${path.module}/monitoring/dashboard.json.tftpl", local.dashboard_variables)
  depends_on     = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "backlog_age" {
  project               = var.project_id
  display_name          = "Sales pipelines: Pub/Sub backlog too old"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.notification_channels
  user_labels           = { app = "sales-analytics" }

  conditions {
    display_name = "Oldest unacknowledged message in a pipeline's subscription"
    condition_threshold {
      filter          = "metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = monitoring.regex.full_match(\"${local.monitored_subscriptions}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = var.alert_backlog_age_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
      trigger {
        count = 1
      }
    }
  }

  documentation {
    subject   = "Sales pipelines: messages wait too long in Pub/Sub"
    mime_type = "text/markdown"
    content   = <<-EOT
      A pipeline's subscription holds a message it has not acknowledged for longer than the
      threshold: the job reads too slowly, is stuck, or is not running. Check the job's system lag
      and workers, then its logs. Runbook: docs/operations.md, "Monitoring".
    EOT
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "data_freshness" {
  project               = var.project_id
  display_name          = "Sales pipelines: data freshness behind"
  combiner              = "OR"
  severity              = "ERROR"
  notification_channels = var.notification_channels
  user_labels           = { app = "sales-analytics" }

  conditions {
    display_name = "Data watermark age of a streaming job"
    condition_threshold {
      filter          = "metric.type = \"dataflow.googleapis.com/job/data_watermark_age\" AND resource.type = \"dataflow_job\" AND resource.labels.job_name = monitoring.regex.full_match(\"${local.monitored_streaming_jobs}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = var.alert_data_freshness_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
      trigger {
        count = 1
      }
    }
  }

  documentation {
    subject   = "Sales pipelines: the tables lag behind the sales"
    mime_type = "text/markdown"
    content   = <<-EOT
      A streaming job has not completed everything older than the threshold: sales_raw or
      sales_cleaned are behind. Causes: a backlog, a stuck step, or old events holding the
      watermark back. Runbook: docs/operations.md, "Monitoring".
    EOT
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "dead_letter_share" {
  project               = var.project_id
  display_name          = "Sales pipelines: dead letters above threshold"
  combiner              = "OR"
  severity              = "WARNING"
  notification_channels = var.notification_channels
  user_labels           = { app = "sales-analytics" }

  conditions {
    display_name = "Share of the events a streaming job took in that became dead letters (10 minutes)"
    # The pipelines' own counters: dead letters over what the job took in (events_in where it
    # parses, raw_written where it only archives); user counters are running totals, hence delta().
    condition_prometheus_query_language {
      query               = <<-EOT
        (
          sum by (job_name) (delta(dataflow_googleapis_com:job_user_counter{monitored_resource="dataflow_job", metric_name="dead_letters_written", job_name=~"${local.monitored_streaming_jobs}"}[10m]))
          /
          sum by (job_name) (delta(dataflow_googleapis_com:job_user_counter{monitored_resource="dataflow_job", metric_name=~"events_in|raw_written", job_name=~"${local.monitored_streaming_jobs}"}[10m]))
        ) > ${var.alert_dead_letter_share}
      EOT
      duration            = "300s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    subject   = "Sales pipelines: many events become dead letters"
    mime_type = "text/markdown"
    content   = <<-EOT
      More than the threshold share of the events a job took in went to sales_dead_letter. Look at
      the newest rows of sales_dead_letter by error_code and stage: a producer sending a new
      format, a bad clock, or BigQuery refusing rows (write failures on the dashboard).
      Runbook: docs/operations.md, "Monitoring".
    EOT
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "job_failed" {
  project               = var.project_id
  display_name          = "Sales pipelines: a Dataflow job failed"
  combiner              = "OR"
  severity              = "CRITICAL"
  notification_channels = var.notification_channels
  user_labels           = { app = "sales-analytics" }

  conditions {
    display_name = "A streaming job or the backfill is in state FAILED"
    condition_threshold {
      filter          = "metric.type = \"dataflow.googleapis.com/job/is_failed\" AND resource.type = \"dataflow_job\" AND resource.labels.job_name = monitoring.regex.full_match(\"${local.monitored_jobs}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
      trigger {
        count = 1
      }
    }
  }

  documentation {
    subject   = "Sales pipelines: a Dataflow job failed"
    mime_type = "text/markdown"
    content   = <<-EOT
      A job of the platform failed; a failed streaming job reads nothing until it is started
      again, and Pub/Sub keeps its messages meanwhile. Read the job's error in Dataflow (Logs, Job
      logs), fix the cause, then start the job again. Runbook: docs/operations.md, "Monitoring".
    EOT
  }

  depends_on = [google_project_service.apis]
}
