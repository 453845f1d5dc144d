variable "project_id" {
  description = "Google Cloud project to deploy into (6-30 characters: lower-case letters, digits, hyphens)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 characters: a lower-case letter, then lower-case letters, digits or hyphens."
  }
}

variable "region" {
  description = "Region for Dataflow, Pub/Sub storage, Artifact Registry, buckets and Cloud Scheduler, e.g. europe-west1."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]{1,2}$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1 or us-central1."
  }
}

variable "bigquery_location" {
  description = "BigQuery dataset location: a region (europe-west1) or a multi-region (EU, US). Defaults to var.region."
  type        = string
  default     = null
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose Actions may publish images and spec files through Workload Identity Federation; null creates no federation."
  type        = string
  default     = null
  validation {
    condition     = var.github_repository == null || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must look like owner/name."
  }
}

variable "github_repository_id" {
  description = "Numeric id of github_repository (gh api repos/OWNER/NAME --jq .id). Federation trusts this id, which a rename keeps and a new repository of the same name does not get; required with github_repository."
  type        = string
  default     = null
  validation {
    condition     = var.github_repository_id == null || can(regex("^[0-9]+$", var.github_repository_id))
    error_message = "github_repository_id must be the repository's numeric id."
  }
}

variable "template_version" {
  description = "Release of the Flex Templates to run (the folder under gs://<spec bucket>/templates/). Null, for the first apply before any release is published, creates no jobs and no schedule."
  type        = string
  default     = null
  validation {
    condition     = var.template_version == null || can(regex("^[0-9A-Za-z][0-9A-Za-z._-]*$", var.template_version))
    error_message = "template_version must be a release name such as 1.4.2."
  }
}

variable "partition_expiration_days" {
  description = "Days a day-partition of the sales tables is kept before BigQuery deletes it; null keeps partitions forever."
  type        = number
  default     = 730
  validation {
    condition     = var.partition_expiration_days == null || try(var.partition_expiration_days >= 1, false)
    error_message = "partition_expiration_days must be at least 1, or null."
  }
}

variable "message_retention_duration" {
  description = "How long the sales topic keeps messages for replay (seek), as seconds with an s suffix; at most 31 days."
  type        = string
  default     = "604800s"
  validation {
    condition     = can(regex("^[0-9]+s$", var.message_retention_duration)) && try(tonumber(trimsuffix(var.message_retention_duration, "s")) >= 600 && tonumber(trimsuffix(var.message_retention_duration, "s")) <= 2678400, false)
    error_message = "message_retention_duration must be between 600s and 2678400s (31 days)."
  }
}

variable "temp_retention_days" {
  description = "Days Dataflow temp and staging files are kept."
  type        = number
  default     = 7
  validation {
    condition     = var.temp_retention_days >= 1
    error_message = "temp_retention_days must be at least 1."
  }
}

variable "backfill_schedule" {
  description = "Cron schedule of the daily backfill of the previous day (Cloud Scheduler syntax)."
  type        = string
  default     = "30 3 * * *"
  validation {
    condition     = length(split(" ", var.backfill_schedule)) == 5
    error_message = "backfill_schedule must be a five-field cron expression, e.g. 30 3 * * *."
  }
}

variable "backfill_time_zone" {
  description = "Time zone of backfill_schedule (IANA name). The backfilled day is always the previous UTC day."
  type        = string
  default     = "Etc/UTC"
}

variable "subnetwork" {
  description = "An existing subnetwork for the Dataflow jobs and their launcher VMs (regions/REGION/subnetworks/NAME; the full URL for a Shared VPC). It must have Private Google Access (unless use_public_ips) and let instances tagged dataflow reach each other on TCP 12345-12346. Null creates network and subnetwork sales-dataflow in var.region with both."
  type        = string
  default     = null
}

variable "dataflow_subnetwork_cidr" {
  description = "Primary IPv4 range of the sales-dataflow subnetwork created when subnetwork is null: one address per worker and launcher VM."
  type        = string
  default     = "10.20.0.0/22"
  validation {
    condition     = can(cidrhost(var.dataflow_subnetwork_cidr, 0))
    error_message = "dataflow_subnetwork_cidr must be an IPv4 range such as 10.20.0.0/22."
  }
}

variable "use_public_ips" {
  description = "Whether Dataflow workers and launcher VMs get external IPs. Keep false: the subnetwork's Private Google Access lets them reach Google APIs without."
  type        = bool
  default     = false
}

variable "transform_name_mappings" {
  description = "Step renames for the next update of the streaming jobs (old step name prefix => new), for a release that renames steps; Dataflow carries each renamed step's state over. Empty when no step is renamed."
  type        = map(string)
  default     = {}
}

variable "max_workers" {
  description = "Autoscaling ceiling of each streaming job. Changing it replaces the jobs (drained, then relaunched without their state): the provider cannot update it in place."
  type        = number
  default     = 4
  validation {
    condition     = var.max_workers >= 1 && var.max_workers <= 1000
    error_message = "max_workers must be between 1 and 1000."
  }
}

variable "deletion_protection" {
  description = "Protects the BigQuery tables, the dataset's contents and the released spec files from terraform destroy. Set false (and apply) only to tear the platform down."
  type        = bool
  default     = true
}

variable "notification_channels" {
  description = "Cloud Monitoring notification channels every alert policy notifies, as projects/PROJECT/notificationChannels/ID (gcloud beta monitoring channels list). Empty: incidents still open in the console, but nobody is told."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for channel in var.notification_channels : can(regex("^projects/[^/]+/notificationChannels/[^/]+$", channel))])
    error_message = "notification_channels must be channel names such as projects/retail-analytics-prod/notificationChannels/1234567890."
  }
}

variable "alert_backlog_age_seconds" {
  description = "Alert when a pipeline's subscription holds a message unacknowledged for longer than this many seconds (for 5 minutes)."
  type        = number
  default     = 600
  validation {
    condition     = var.alert_backlog_age_seconds >= 60
    error_message = "alert_backlog_age_seconds must be at least 60: Pub/Sub samples the metric every 60 seconds."
  }
}

variable "alert_data_freshness_seconds" {
  description = "Alert when a streaming job's data freshness (the age of its data watermark) exceeds this many seconds (for 5 minutes)."
  type        = number
  default     = 600
  validation {
    condition     = var.alert_data_freshness_seconds >= 60
    error_message = "alert_data_freshness_seconds must be at least 60: Dataflow samples the metric every 60 seconds."
  }
}

variable "alert_dead_letter_share" {
  description = "Alert when more than this share of the events a streaming job took in over 10 minutes became dead letters (0.05 = 5%)."
  type        = number
  default     = 0.05
  validation {
    condition     = var.alert_dead_letter_share > 0 && var.alert_dead_letter_share <= 1
    error_message = "alert_dead_letter_share must be a share above 0 and at most 1, e.g. 0.05 for 5%."
  }
}

variable "result_tables_max_staleness_minutes" {
  description = "max_staleness of the tables the pipelines upsert (sales_store_kpis, sales_pipeline_health), in minutes: queries may see results this old, and BigQuery applies upserts in background jobs at least this often instead of merging them into every query (which reads the whole table). Null sets none: every query is up to date and pays for a merge. See docs/dashboards.md."
  type        = number
  default     = 10
  validation {
    condition     = var.result_tables_max_staleness_minutes == null || try(var.result_tables_max_staleness_minutes >= 1 && var.result_tables_max_staleness_minutes <= 1440 && floor(var.result_tables_max_staleness_minutes) == var.result_tables_max_staleness_minutes, false)
    error_message = "result_tables_max_staleness_minutes must be a whole number of minutes from 1 to 1440, or null."
  }
}

variable "result_partition_expiration_days" {
  description = "Days a day-partition of sales_store_kpis and sales_pipeline_health is kept; every CDC background apply job reads these tables whole, so they keep less than the sales tables (history comes from sales_cleaned). Null keeps partitions forever."
  type        = number
  default     = 31
  validation {
    condition     = var.result_partition_expiration_days == null || try(var.result_partition_expiration_days >= 1, false)
    error_message = "result_partition_expiration_days must be at least 1, or null."
  }
}

variable "dashboard_viewers" {
  description = "Who may query the dashboard views (docs/dashboards.md): IAM members such as group:sales-analysts@example.com, user:ana@example.com or serviceAccount:reports@PROJECT.iam.gserviceaccount.com, granted BigQuery Data Viewer on the sales_data dataset and BigQuery Job User on the project. With Looker Studio's owner's credentials only the data sources' credential owners need to be here. Empty by default."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for member in var.dashboard_viewers : can(regex("^(user|group|serviceAccount):[^@\\s]+@[^@\\s]+$", member))])
    error_message = "dashboard_viewers must be user:, group: or serviceAccount: members with an e-mail address (no domains, no public members)."
  }
}

variable "audit_log_retention_days" {
  description = "Days the Data Access audit logs of BigQuery, Pub/Sub, Cloud Storage and Dataflow are kept in the sales-audit log bucket (1 to 3650); the default matches the 400 days of the Admin Activity logs in _Required. Retention beyond 30 days is billed: see docs/security-audit-logs.md."
  type        = number
  default     = 400
  validation {
    condition     = var.audit_log_retention_days >= 1 && var.audit_log_retention_days <= 3650 && floor(var.audit_log_retention_days) == var.audit_log_retention_days
    error_message = "audit_log_retention_days must be a whole number of days from 1 to 3650."
  }
}

variable "kms_key_name" {
  description = "Cloud KMS key (projects/P/locations/L/keyRings/R/cryptoKeys/K) that encrypts the datasets, the topic, the buckets and the Dataflow jobs; null keeps Google-managed encryption. The key must be in var.region, and bigquery_location must then be var.region too (docs/security-encryption.md)."
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_name == null || can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}$", var.kms_key_name))
    error_message = "kms_key_name must be a Cloud KMS key name such as projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data (not a key version), or null."
  }
}
