package com.salesanalytics.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the sales themselves: {@code sales_cleaned}, its unique view and {@code sales_line_items}. */
final class SalesQueries {
  private SalesQueries() {}

  /** The newest event time of any sale written so far. */
  static Optional<Instant> newestEvent(Connection connection) throws SQLException {
    return Optional.ofNullable(Sql.query(connection, "SELECT max(event_timestamp) FROM sales_cleaned",
        row -> Sql.instant(row, 1)).get(0));
  }

  /** Sales per number of items; one row per transaction (the unique view), not per delivery. */
  static ItemsPerTransaction itemsPerTransaction(Connection connection, Span span) throws SQLException {
    List<ItemsPerTransaction.Bucket> buckets = Sql.query(connection,
        "SELECT total_items, count(*) FROM sales_cleaned_unique"
            + " WHERE event_timestamp >= ? AND event_timestamp < ? GROUP BY total_items ORDER BY total_items",
        row -> new ItemsPerTransaction.Bucket(row.getLong(1), row.getLong(2)),
        span.from(), span.to());
    long transactions = buckets.stream().mapToLong(ItemsPerTransaction.Bucket::transactions).sum();
    return new ItemsPerTransaction(span.from(), span.to(), transactions, buckets);
  }

  /**
   * The top {@code limit} products by revenue per currency. Lines are kept only for the delivery
   * the unique view keeps, since a late redelivery writes its lines a second time.
   */
  static TopProducts topProducts(Connection connection, Span span, int limit) throws SQLException {
    record Ranked(String currency, TopProducts.Product product) {}
    List<Ranked> rows = Sql.query(connection,
        "WITH lines AS ("
            + "  SELECT l.currency, l.product_id, l.line_amount, l.quantity, l.transaction_id"
            + "  FROM sales_line_items l"
            + "  WHERE l.event_timestamp >= ? AND l.event_timestamp < ?"
            + "    AND l.message_id IN (SELECT message_id FROM sales_cleaned_unique"
            + "                         WHERE event_timestamp >= ? AND event_timestamp < ?)),"
            + " per_product AS ("
            + "  SELECT currency, product_id, sum(line_amount) AS revenue, CAST(sum(quantity) AS BIGINT) AS items"
            + "  FROM lines GROUP BY currency, product_id"
            + "  QUALIFY row_number() OVER (PARTITION BY currency ORDER BY revenue DESC, product_id) <= ?),"
            + " per_currency AS (SELECT currency, count(DISTINCT transaction_id) AS sales FROM lines GROUP BY currency)"
            + " SELECT p.currency, p.product_id, p.revenue, p.items"
            + " FROM per_product p JOIN per_currency c ON c.currency = p.currency"
            + " ORDER BY c.sales DESC, p.currency, p.revenue DESC, p.product_id",
        row -> new Ranked(row.getString(1),
            new TopProducts.Product(row.getString(2), Decimals.money(row.getBigDecimal(3)), row.getLong(4))),
        span.from(), span.to(), span.from(), span.to(), limit);
    Map<String, List<TopProducts.Product>> perCurrency = new LinkedHashMap<>();
    rows.forEach(r -> perCurrency.computeIfAbsent(r.currency(), c -> new ArrayList<>()).add(r.product()));
    List<TopProducts.Currency> currencies = new ArrayList<>();
    perCurrency.forEach((currency, products) -> currencies.add(new TopProducts.Currency(currency, products)));
    return new TopProducts(span.from(), span.to(), currencies);
  }
}
