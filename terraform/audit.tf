# Cloud Audit Logs for the data services (docs/security-audit-logs.md). Admin Activity logs are
# always written and kept 400 days in _Required; Data Access logs (who read or wrote data and
# metadata) are off by default for every service but BigQuery, so they are turned on here and
# routed to a log bucket of their own, kept var.audit_log_retention_days.
#
# The audit configs are part of the project's IAM policy: each resource owns its service's entry
# and leaves the rest of the policy (the grants in iam.tf) alone.

locals {
  # Every Dataflow worker downloads every staged jar when it starts, and the jobs write and read
  # their temp files: one Data Access entry per object operation on buckets that hold no sales
  # data (the accounts may touch only the temp and spec buckets: AuditLogsTest).
  storage_audit_exempted = values(local.pipeline_members)
}

# BigQuery writes Data Access logs by default ("disabled by default for all services except some
# BigQuery services": https://cloud.google.com/logging/docs/audit/configure-data-access); declaring
# all three types states the policy next to the others and turns on any BigQuery log left off.
resource "google_project_iam_audit_config" "bigquery" {
  project    = var.project_id
  service    = "bigquery.googleapis.com"
  depends_on = [google_project_service.apis] # written through the Cloud Resource Manager API
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

# Pub/Sub writes no Data Access logs for Publish, Pull or Acknowledge: these log reads of topics,
# subscriptions, snapshots and schemas (and Seek), so they cost little whatever the traffic.
resource "google_project_iam_audit_config" "pubsub" {
  project    = var.project_id
  service    = "pubsub.googleapis.com"
  depends_on = [google_project_service.apis] # written through the Cloud Resource Manager API
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_project_iam_audit_config" "storage" {
  project    = var.project_id
  service    = "storage.googleapis.com"
  depends_on = [google_project_service.apis] # written through the Cloud Resource Manager API
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type         = "DATA_READ"
    exempted_members = local.storage_audit_exempted
  }
  audit_log_config {
    log_type         = "DATA_WRITE"
    exempted_members = local.storage_audit_exempted
  }
}

resource "google_project_iam_audit_config" "dataflow" {
  project    = var.project_id
  service    = "dataflow.googleapis.com"
  depends_on = [google_project_service.apis] # written through the Cloud Resource Manager API
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
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
