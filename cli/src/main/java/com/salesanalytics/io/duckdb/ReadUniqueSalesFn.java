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
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads back the unique sales of an event-time range with their lines ({@link UniqueSalesQuery}). */
class ReadUniqueSalesFn extends DoFn<TimeRange, CleanedSale> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadUniqueSalesFn.class);
  private final String path;

  ReadUniqueSalesFn(String path) {
    this.path = path;
  }

  @ProcessElement
  public void process(@Element TimeRange range, OutputReceiver<CleanedSale> out) throws SQLException {
    // Ordered so that a sale's rows come in one run, its lines in order.
    String sql = UniqueSalesQuery.sql(SalesTable.CLEANED_UNIQUE_VIEW, SalesTable.LINE_ITEMS_UNIQUE_VIEW, range,
        t -> "TIMESTAMPTZ '" + BackfillReplace.utc(t) + "'", column -> "epoch_ms(" + column + ")")
        + " ORDER BY s.transaction_id, l.line_number";
    try (Connection connection = DuckDbDatabase.open(path).readConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      long sales = 0;
      CleanedSale sale = null;
      List<LineItem> lines = new ArrayList<>();
      while (rows.next()) {
        String id = rows.getString("transaction_id");
        if (sale == null || !id.equals(sale.transactionId())) {
          sales++;
          if (sale != null) {
            out.output(sale.withItems(lines));
          }
          sale = sale(rows);
          lines = new ArrayList<>();
        }
        if (rows.getObject("line_number") != null) {
          lines.add(new LineItem(rows.getString("product_id"), rows.getLong("quantity"),
              rows.getBigDecimal("unit_price")));
        }
      }
      if (sale != null) {
        out.output(sale.withItems(lines));
      }
      LOG.info("Recomputing the store KPIs of the windows from {} to {}: {} sales", range.from(), range.to(), sales);
    }
  }

  private static CleanedSale sale(ResultSet row) throws SQLException {
    return new CleanedSale(row.getString("transaction_id"), row.getString("store_id"), row.getString("customer_id"),
        new Instant(row.getLong("event_timestamp")), row.getString("payment_method"), row.getString("currency"),
        row.getLong("line_count"), row.getLong("total_items"), row.getBigDecimal("total_amount"),
        row.getBigDecimal("avg_price_per_item"), row.getString("message_id"), new Instant(row.getLong("publish_time")),
        List.of());
  }
}
