-- One row per (transaction_id, line_number): the lines of the delivery sales_cleaned_unique keeps
-- (the first delivery of each sale), joined on the delivery's message_id. sales_line_items holds the
-- lines of every delivery, a late redelivery's included; read lines through this view.
-- Shared by BigQuery (Terraform, both tables filled in with qualified names) and DuckDB.
SELECT l.*
FROM ${sales_line_items} AS l
JOIN ${sales_cleaned_unique} AS c ON c.message_id = l.message_id AND c.transaction_id = l.transaction_id
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY l.transaction_id, l.line_number ORDER BY l.processed_at) = 1
