# Cloud Audit Logs for the data services (docs/security-audit-logs.md). Admin Activity logs are
# always written and kept 400 days in _Required; Data Access logs (who read or wrote data and
# metadata) are off by default for every service but BigQuery, so they are turned on here and
# routed to a log bucket of their own, kept var.audit_log_retention_days.

locals {
  # The data services, each with the accounts exempted from its DATA_READ and DATA_WRITE logs.
  # ADMIN_READ, DATA_READ and DATA_WRITE are on for all four, ADMIN_READ without exemptions.
  audited_services = {
    # Data Access logs are on by default for BigQuery ("disabled by default for all services
    # except some BigQuery services": https://cloud.google.com/logging/docs/audit/configure-data-access);
    # declaring them states the policy next to the others and turns on any left off. Nobody is
    # exempted: the dashboards' queries are the reads an audit must show.
    "bigquery.googleapis.com" = []
    # Pub/Sub writes no Data Access logs for Publish, Pull or Acknowledge
    # (https://cloud.google.com/pubsub/docs/audit-logging): these log reads of topics,
    # subscriptions, snapshots and schemas, and Seek, so they cost little whatever the traffic.
    "pubsub.googleapis.com" = []
    # One entry per object operation. Every Dataflow worker downloads every staged jar when it
    # starts and the jobs write and read their temp files, on buckets that hold no sales data: the
    # pipeline accounts may touch only the temp and spec buckets (AuditLogsTest), so their object
    # reads and writes are not logged.
    "storage.googleapis.com" = values(local.pipeline_members)
    # Reads of jobs, their messages and metrics; creating and cancelling jobs is Admin Activity.
    "dataflow.googleapis.com" = []
  }
}

# Audit configs are part of the project's IAM policy: each resource owns its service's entry and
# leaves the rest of the policy (the grants in iam.tf) alone.
resource "google_project_iam_audit_config" "data_services" {
  for_each   = local.audited_services
  project    = var.project_id
  service    = each.key
  depends_on = [google_project_service.apis] # written through the Cloud Resource Manager API

  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type         = "DATA_READ"
    exempted_members = each.value
  }
  audit_log_config {
    log_type         = "DATA_WRITE"
    exempted_members = each.value
  }
}

# Not locked: a locked bucket cannot be deleted before it is empty, so `terraform destroy` would
# fail for the whole retention. A deployment that must prove its logs cannot be shortened locks it
# by hand (docs/security-audit-logs.md).
resource "google_logging_project_bucket_config" "audit" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "sales-audit"
  retention_days = var.audit_log_retention_days
  description    = "Data Access audit logs of BigQuery, Pub/Sub, Cloud Storage and Dataflow (terraform/audit.tf)."
  depends_on     = [google_project_service.apis]
}

# The logs also land in _Default (30 days) as every log does; this copy is the one that is kept.
resource "google_logging_project_sink" "audit" {
  project     = var.project_id
  name        = "sales-data-access-audit"
  description = "Data Access audit logs of the data services, to the sales-audit log bucket."
  destination = "logging.googleapis.com/projects/${var.project_id}/locations/${google_logging_project_bucket_config.audit.location}/buckets/${google_logging_project_bucket_config.audit.bucket_id}"
  filter      = "logName = \"projects/${var.project_id}/logs/cloudaudit.googleapis.com%2Fdata_access\" AND protoPayload.serviceName = (\"bigquery.googleapis.com\" OR \"pubsub.googleapis.com\" OR \"storage.googleapis.com\" OR \"dataflow.googleapis.com\")"
}
