-- One row per transaction_id: the first delivery (earliest publish_time, then lowest message_id),
-- the same copy streaming dedupe keeps and the backfill writes. sales_cleaned itself may hold a
-- second row for an id when a copy arrives after the dedupe window; read sales through this view.
-- Shared by BigQuery (Terraform, `sales_cleaned` filled in with the qualified table name) and DuckDB.
SELECT *
FROM ${sales_cleaned}
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY publish_time, message_id) = 1
