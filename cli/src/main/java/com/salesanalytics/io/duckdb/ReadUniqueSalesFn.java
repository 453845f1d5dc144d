package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.UniqueSalesQuery;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.TimeRange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back the unique sales of an event-time range with their lines: what {@link UniqueSalesQuery}
 * reads from the two unique views, in a form DuckDB runs in a fraction of the time ({@link #sql}).
 */
class ReadUniqueSalesFn extends DoFn<TimeRange, CleanedSale> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadUniqueSalesFn.class);
  private final String path;

  ReadUniqueSalesFn(String path) {
    this.path = path;
  }

  /**
   * The rows {@link UniqueSalesQuery} gives over {@code sales_cleaned_unique} and
   * {@code sales_line_items_unique}, ordered so that a sale's rows come in one run, its lines in
   * order. The views pick one row per transaction (and per transaction and line) over the whole
   * tables, and the range can only be applied after that, so every read of them ranks every row
   * stored: a backfill's two reads of a day took 17 s of its 55. Here the tables are first cut to
   * the transactions with a row in the range, and only those are ranked: a transaction's rows, and
   * its lines', are all kept or all dropped by that cut, so each ranking gives what the view gives
   * (ReadUniqueSalesSqlTest holds the two to the same rows).
   */
  static String sql(TimeRange range) {
    String from = "TIMESTAMPTZ '" + BackfillReplace.utc(range.from()) + "'";
    String to = "TIMESTAMPTZ '" + BackfillReplace.utc(range.to()) + "'";
    String cleaned = SalesTable.CLEANED.tableName();
    String lines = SalesTable.LINE_ITEMS.tableName();
    return "WITH ids AS (SELECT DISTINCT transaction_id FROM " + cleaned
        + " WHERE event_timestamp >= " + from + " AND event_timestamp < " + to + "),"
        // as sales_cleaned_unique, for the transactions with a row in the range
        + " s AS (SELECT * FROM " + cleaned + " WHERE transaction_id IN (SELECT transaction_id FROM ids)"
        + " QUALIFY ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY publish_time, message_id) = 1),"
        + " u AS (SELECT * FROM s WHERE event_timestamp >= " + from + " AND event_timestamp < " + to + "),"
        // as sales_line_items_unique, for the lines of the unique sales in the range
        + " l AS (SELECT l.* FROM " + lines + " AS l JOIN u AS c"
        + " ON c.message_id = l.message_id AND c.transaction_id = l.transaction_id"
        + " QUALIFY ROW_NUMBER() OVER (PARTITION BY l.transaction_id, l.line_number ORDER BY l.processed_at) = 1)"
        + " SELECT u.transaction_id, u.store_id, u.customer_id, epoch_ms(u.event_timestamp), u.payment_method,"
        + " u.currency, u.line_count, u.total_items, u.total_amount, u.avg_price_per_item, u.message_id,"
        + " epoch_ms(u.publish_time), l.line_number, l.product_id, l.quantity, l.unit_price"
        + " FROM u LEFT JOIN l ON l.transaction_id = u.transaction_id"
        + " AND l.event_timestamp >= " + from + " AND l.event_timestamp < " + to
        + " ORDER BY u.transaction_id, l.line_number";
  }

  @ProcessElement
  public void process(@Element TimeRange range, OutputReceiver<CleanedSale> out) throws SQLException {
    try (Connection connection = DuckDbDatabase.open(path).readConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql(range))) {
      long sales = 0;
      CleanedSale sale = null;
      List<LineItem> lines = new ArrayList<>();
      Map<String, String> names = new HashMap<>();
      while (rows.next()) {
        String id = rows.getString(1);
        if (sale == null || !id.equals(sale.transactionId())) {
          sales++;
          if (sale != null) {
            out.output(sale.withItems(lines));
          }
          sale = sale(rows, names);
          lines = new ArrayList<>();
        }
        if (rows.getObject(13) != null) {
          lines.add(new LineItem(shared(names, rows.getString(14)), rows.getLong(15), rows.getBigDecimal(16)));
        }
      }
      if (sale != null) {
        out.output(sale.withItems(lines));
      }
      LOG.info("Recomputing the store KPIs of the windows from {} to {}: {} sales", range.from(), range.to(), sales);
    }
  }

  /** The sale of the current row; its lines come after. */
  private static CleanedSale sale(ResultSet row, Map<String, String> names) throws SQLException {
    return new CleanedSale(row.getString(1), shared(names, row.getString(2)), row.getString(3),
        new Instant(row.getLong(4)), shared(names, row.getString(5)), shared(names, row.getString(6)), row.getLong(7),
        row.getLong(8), row.getBigDecimal(9), row.getBigDecimal(10), row.getString(11), new Instant(row.getLong(12)),
        List.of());
  }

  /**
   * One copy of each of the few store, currency, payment and product names a read holds in
   * memory, rather than one per row (null stays null).
   */
  private static String shared(Map<String, String> names, String name) {
    return name == null ? null : names.computeIfAbsent(name, n -> n);
  }
}
