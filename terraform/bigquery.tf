resource "google_bigquery_dataset" "sales" {
  project       = var.project_id
  dataset_id    = "sales_data"
  friendly_name = "Sales analytics"
  description   = "Raw, cleaned and dead-letter sales, and the dashboard views."
  location      = local.bigquery_location
  labels        = { app = "sales-analytics" }
  # Tables Terraform did not create (a failed backfill's staging table) would otherwise make destroy fail.
  delete_contents_on_destroy = !var.deletion_protection
  depends_on                 = [google_project_service.apis, google_kms_crypto_key_iam_member.service_agents]

  dynamic "default_encryption_configuration" {
    for_each = local.kms_key_names
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }
}

# The backfill's read-back query results (BigQueryIO.readDynamically leaves them behind): a
# dataset of their own that forgets its tables after a day, so nothing piles up in sales_data and
# the backfill needs no right to create datasets. Named <dataset>_tmp, as the backfill expects.
resource "google_bigquery_dataset" "backfill_tmp" {
  project                     = var.project_id
  dataset_id                  = "${google_bigquery_dataset.sales.dataset_id}_tmp"
  friendly_name               = "Sales backfill query results"
  description                 = "Temporary query results of the sales backfill; tables expire after a day."
  location                    = local.bigquery_location
  default_table_expiration_ms = 86400000
  labels                      = { app = "sales-analytics" }
  delete_contents_on_destroy  = true
  depends_on                  = [google_project_service.apis, google_kms_crypto_key_iam_member.service_agents]

  dynamic "default_encryption_configuration" {
    for_each = local.kms_key_names
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }
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

  # The KPIs of sales_store_kpis computed the pipeline's way from one row per sale (SaleTotals,
  # SalesMetrics): money never added across currencies (every view groups by currency), exact sums,
  # averages divided exactly (BIGNUMERIC, so nothing is rounded before the last step) and rounded
  # half-up to 2 decimals (ROUND rounds halfway cases away from zero, as RoundingMode.HALF_UP),
  # customers counted exactly; anonymous sales are transactions but not customers.
  kpi_columns = <<-SQL
    COUNT(*) AS transactions,
    SUM(total_items) AS items,
    SUM(total_amount) AS revenue,
    CAST(ROUND(CAST(SUM(total_amount) AS BIGNUMERIC) / COUNT(*), 2) AS NUMERIC) AS avg_basket,
    CAST(ROUND(CAST(SUM(total_items) AS BIGNUMERIC) / COUNT(*), 2) AS NUMERIC) AS items_per_transaction,
    COUNT(DISTINCT customer_id) AS customers,
    COUNTIF(customer_id IS NULL) AS anonymous_transactions,
    IFNULL(SUM(IF(customer_id IS NULL, NULL, total_amount)), 0) AS customer_revenue,
    CAST(ROUND(CAST(SUM(IF(customer_id IS NULL, NULL, total_amount)) AS BIGNUMERIC)
      / NULLIF(COUNT(DISTINCT customer_id), 0), 2) AS NUMERIC) AS avg_spend_per_customer
  SQL

  # Looker Studio reads these (docs/dashboards.md). History from sales_cleaned_unique (every sale
  # once, final once written); live minutes and pipeline health from the pipelines' result tables.
  views = {
    sales_volume_by_store_hour = <<-SQL
      SELECT store_id, TIMESTAMP_TRUNC(event_timestamp, HOUR) AS hour, currency,
        ${local.kpi_columns}
      FROM ${local.unique}
      GROUP BY store_id, hour, currency
    SQL
    sales_kpis_by_store_day    = <<-SQL
      SELECT store_id, DATE(event_timestamp) AS day, currency,
        ${local.kpi_columns}
      FROM ${local.unique}
      GROUP BY store_id, day, currency
    SQL
    store_kpis_latest_minute   = <<-SQL
      SELECT store_id, currency, window_start, window_end, transactions, items, revenue, avg_basket,
             items_per_transaction, customers, anonymous_transactions, customer_revenue, avg_spend_per_customer,
             top_products, timing, NOT is_final AS provisional, updated_at,
             TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), updated_at, SECOND) AS result_age_seconds
      FROM ${local.kpis}
      WHERE window_start >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
      QUALIFY ROW_NUMBER() OVER (PARTITION BY store_id, currency ORDER BY window_start DESC) = 1
    SQL
    top_products_by_day        = <<-SQL
      SELECT *, ROW_NUMBER() OVER (PARTITION BY day, store_id, currency ORDER BY revenue DESC, product_id) AS revenue_rank
      FROM (
        SELECT DATE(event_timestamp) AS day, store_id, currency, product_id,
               SUM(line_amount) AS revenue, SUM(quantity) AS items, COUNT(DISTINCT transaction_id) AS transactions
        FROM ${local.line_items_unique}
        GROUP BY day, store_id, currency, product_id
      )
    SQL
    average_spend_per_customer = <<-SQL
      SELECT customer_id, currency, COUNT(*) AS transactions, SUM(total_amount) AS total_spend,
             CAST(ROUND(CAST(SUM(total_amount) AS BIGNUMERIC) / COUNT(*), 2) AS NUMERIC) AS avg_spend,
             MIN(event_timestamp) AS first_seen, MAX(event_timestamp) AS last_seen
      FROM ${local.unique}
      WHERE customer_id IS NOT NULL
      GROUP BY customer_id, currency
    SQL
    pipeline_health            = <<-SQL
      SELECT window_start, window_end, events_in, cleaned, dead_lettered, duplicates, dropped_late,
             cleaned + dead_lettered + duplicates + dropped_late AS accounted_for,
             events_in = cleaned + dead_lettered + duplicates + dropped_late AS balanced,
             SAFE_DIVIDE(dead_lettered, events_in) AS dead_letter_rate,
             SAFE_DIVIDE(duplicates, events_in) AS duplicate_rate,
             timing, NOT is_final AS provisional, updated_at
      FROM ${local.health}
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
