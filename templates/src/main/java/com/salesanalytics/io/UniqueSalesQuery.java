package com.salesanalytics.io;

import com.salesanalytics.model.TimeRange;
import java.util.function.Function;
import org.joda.time.Instant;

/**
 * The query a backfill reads sales back with: every sale {@code sales_cleaned_unique} keeps whose
 * event time lies in a range, one row per line of it from {@code sales_line_items_unique} (one row
 * with no line for a sale without lines), in no particular order: BigQuery's reader groups the rows
 * per sale (an ORDER BY over a range's result would sort it on one slot for nothing), DuckDB's orders
 * them. The same on both but for how a timestamp is written and read.
 */
public final class UniqueSalesQuery {
  private UniqueSalesQuery() {}

  /**
   * The query; its columns are named as in the tables. {@code timestamp} writes a literal,
   * {@code readTimestamp} the expression a reader wants a TIMESTAMP column as.
   */
  public static String sql(String salesView, String linesView, TimeRange range, Function<Instant, String> timestamp,
      Function<String, String> readTimestamp) {
    String from = timestamp.apply(range.from());
    String to = timestamp.apply(range.to());
    String columns = "s.transaction_id, s.store_id, s.customer_id, "
        + readTimestamp.apply("s.event_timestamp") + " AS event_timestamp, s.payment_method, s.currency,"
        + " s.line_count, s.total_items, s.total_amount, s.avg_price_per_item, s.message_id, "
        + readTimestamp.apply("s.publish_time") + " AS publish_time,"
        + " l.line_number, l.product_id, l.quantity, l.unit_price";
    return "SELECT " + columns + " FROM " + salesView + " AS s"
        + " LEFT JOIN (SELECT * FROM " + linesView + " WHERE event_timestamp >= " + from
        + " AND event_timestamp < " + to + ") AS l ON l.transaction_id = s.transaction_id"
        + " WHERE s.event_timestamp >= " + from + " AND s.event_timestamp < " + to;
  }
}
