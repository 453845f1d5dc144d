resource "google_bigquery_dataset" "sales" {
  project       = var.project_id
  dataset_id    = "sales_data"
  friendly_name = "Sales analytics"
  description   = "Raw, cleaned and dead-letter sales, and the dashboard views."
  location      = local.bigquery_location
  labels        = { app = "sales-analytics" }
  # Tables Terraform did not create (a failed backfill's staging table) would otherwise make destroy fail.
  delete_contents_on_destroy = !var.deletion_protection
  depends_on                 = [google_project_service.apis]
}

resource "google_bigquery_table" "sales" {
  for_each            = local.tables
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.sales.dataset_id
  table_id            = each.key
  description         = each.value.description
  schema              = file("${local.schema_dir}/${each.key}.json")
  clustering          = each.value.clustering
  deletion_protection = var.deletion_protection
  labels              = { app = "sales-analytics" }
  # Keyed tables take CDC upserts: BigQuery applies them in the background at least once per
  # max_staleness, and a query of a table without it merges pending upserts at run time, reading
  # the whole table whatever its partition filter (https://cloud.google.com/bigquery/docs/change-data-capture).
  max_staleness = length(each.value.primary_key) > 0 ? local.result_max_staleness : null

  time_partitioning {
    type          = "DAY"
    field         = each.value.partition_field
    expiration_ms = each.value.expiration_days == null ? null : each.value.expiration_days * 86400000
  }

  # Primary key NOT ENFORCED (BigQuery never enforces one; the API has no other kind), required
  # for CDC upserts; only the tables whose rows the pipelines replace by key declare one.
  dynamic "table_constraints" {
    for_each = length(each.value.primary_key) > 0 ? [each.value.primary_key] : []
    content {
      primary_key {
        columns = table_constraints.value
      }
    }
  }
}

locals {
  # An INTERVAL in BigQuery's canonical form, "Y-M D H:M:S" ("0-0 0 0:10:0" is ten minutes).
  result_max_staleness = var.result_tables_max_staleness_minutes == null ? null : format("0-0 0 %d:%d:0",
  floor(var.result_tables_max_staleness_minutes / 60), var.result_tables_max_staleness_minutes % 60)
}

# Views for dashboards. They read the tables, so they are created after them.
locals {
  cleaned           = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_cleaned`"
  unique            = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_cleaned_unique`"
  raw               = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_raw`"
  dead              = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_dead_letter`"
  line_items        = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_line_items`"
  line_items_unique = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_line_items_unique`"
  kpis              = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_store_kpis`"
  health            = "`${var.project_id}.${google_bigquery_dataset.sales.dataset_id}.sales_pipeline_health`"

  views = {
    sales_volume_by_store_hour = <<-SQL
      SELECT store_id, TIMESTAMP_TRUNC(event_timestamp, HOUR) AS hour, currency,
             COUNT(*) AS transactions, SUM(total_items) AS items, SUM(total_amount) AS revenue
      FROM ${local.unique}
      GROUP BY store_id, hour, currency
    SQL
    items_per_transaction      = <<-SQL
      SELECT DATE(event_timestamp) AS day, store_id,
             AVG(total_items) AS avg_items, APPROX_QUANTILES(total_items, 100)[OFFSET(50)] AS median_items,
             AVG(line_count) AS avg_lines
      FROM ${local.unique}
      GROUP BY day, store_id
    SQL
    average_spend_per_customer = <<-SQL
      SELECT customer_id, currency, COUNT(*) AS transactions, SUM(total_amount) AS total_spend,
             ROUND(AVG(total_amount), 2) AS avg_spend, MIN(event_timestamp) AS first_seen, MAX(event_timestamp) AS last_seen
      FROM ${local.unique}
      WHERE customer_id IS NOT NULL
      GROUP BY customer_id, currency
    SQL
    pipeline_health            = <<-SQL
      WITH raw_by_hour AS (
        SELECT TIMESTAMP_TRUNC(publish_time, HOUR) AS hour, COUNT(*) AS messages FROM ${local.raw} GROUP BY hour
      ), cleaned_by_hour AS (
        SELECT TIMESTAMP_TRUNC(processed_at, HOUR) AS hour, COUNT(*) AS cleaned FROM ${local.cleaned} GROUP BY hour
      ), dead_by_hour AS (
        SELECT TIMESTAMP_TRUNC(failed_at, HOUR) AS hour, COUNT(*) AS dead_letters,
               COUNTIF(stage = 'write') AS write_failures FROM ${local.dead} GROUP BY hour
      )
      SELECT hour, IFNULL(messages, 0) AS messages, IFNULL(cleaned, 0) AS cleaned,
             IFNULL(dead_letters, 0) AS dead_letters, IFNULL(write_failures, 0) AS write_failures,
             SAFE_DIVIDE(IFNULL(dead_letters, 0), messages) AS dead_letter_ratio
      FROM raw_by_hour FULL OUTER JOIN cleaned_by_hour USING (hour) FULL OUTER JOIN dead_by_hour USING (hour)
    SQL
  }
}

# One row per sale: sales_cleaned may hold a late redelivery's second row until the backfill of its
# day runs. Every reader of sales uses this view; its SQL is shared with the DuckDB warehouse.
resource "google_bigquery_table" "sales_cleaned_unique" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.sales.dataset_id
  table_id            = "sales_cleaned_unique"
  description         = "sales_cleaned with one row per transaction_id: the first delivery (earliest publish_time)."
  deletion_protection = false
  labels              = { app = "sales-analytics" }

  view {
    query          = templatefile("${local.schema_dir}/sales_cleaned_unique.sql", { sales_cleaned = local.cleaned })
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.sales]
}

# One row per line of each sale: the lines of the delivery sales_cleaned_unique keeps. Its SQL is
# shared with the DuckDB warehouse too.
resource "google_bigquery_table" "sales_line_items_unique" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.sales.dataset_id
  table_id            = "sales_line_items_unique"
  description         = "sales_line_items with one row per (transaction_id, line_number): the lines of the delivery sales_cleaned_unique keeps."
  deletion_protection = false
  labels              = { app = "sales-analytics" }

  view {
    query          = templatefile("${local.schema_dir}/sales_line_items_unique.sql", { sales_line_items = local.line_items, sales_cleaned_unique = local.unique })
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.sales, google_bigquery_table.sales_cleaned_unique]
}

resource "google_bigquery_table" "views" {
  for_each            = local.views
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.sales.dataset_id
  table_id            = each.key
  deletion_protection = false
  labels              = { app = "sales-analytics" }

  view {
    query          = each.value
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.sales, google_bigquery_table.sales_cleaned_unique, google_bigquery_table.sales_line_items_unique]
}
