package com.salesanalytics.dashboard;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code sales_store_kpis}: one row per store, one-minute event-time window and currency
 * (and, for a period's customers, the sales in {@code sales_cleaned_unique}).
 */
final class KpiQueries {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private KpiQueries() {}

  /** The end of the newest KPI window: where "the last minute" of the data ends. */
  static Optional<Instant> newestWindowEnd(Connection connection) throws SQLException {
    return Optional.ofNullable(
        Sql.query(connection, "SELECT max(window_end) FROM sales_store_kpis", row -> Sql.instant(row, 1)).get(0));
  }

  /**
   * Totals per currency of the windows starting in the span, most transactions first. Customers and
   * their revenue come from the sales of the span instead: a KPI row counts the distinct customers of
   * one store and minute, so adding rows would count a customer again for every minute and store
   * they bought in. The windows are one minute and aligned, so windows starting in [from, to) hold
   * exactly the sales with an event time in [from, to). One statement, so both parts read the same
   * snapshot while the demo writes.
   */
  static Tiles.Period period(Connection connection, Span span) throws SQLException {
    List<Tiles.CurrencyTotals> currencies = Sql.query(connection,
        "WITH kpis AS ("
            + "  SELECT currency, sum(revenue) AS revenue, CAST(sum(transactions) AS BIGINT) AS transactions,"
            + "    CAST(sum(items) AS BIGINT) AS items, bool_or(NOT is_final) AS provisional"
            + "  FROM sales_store_kpis WHERE window_start >= ? AND window_start < ? GROUP BY currency),"
            // anonymous sales (no customer_id) are not customers, as in the KPI rows
            + " customers AS ("
            + "  SELECT currency, count(DISTINCT customer_id) AS customers, sum(total_amount) AS customer_revenue"
            + "  FROM sales_cleaned_unique"
            + "  WHERE event_timestamp >= ? AND event_timestamp < ? AND customer_id IS NOT NULL GROUP BY currency)"
            + " SELECT k.currency, k.revenue, k.transactions, k.items, coalesce(c.customers, 0),"
            + "   coalesce(c.customer_revenue, 0), k.provisional"
            + " FROM kpis k LEFT JOIN customers c ON c.currency = k.currency"
            + " ORDER BY k.transactions DESC, k.currency",
        row -> {
          long customers = row.getLong(5);
          BigDecimal customerRevenue = row.getBigDecimal(6);
          return new Tiles.CurrencyTotals(row.getString(1), Decimals.money(row.getBigDecimal(2)), row.getLong(3),
              row.getLong(4), customers, Decimals.money(customerRevenue), Decimals.ratio(customerRevenue, customers),
              row.getBoolean(7));
        },
        span.from(), span.to(), span.from(), span.to());
    long transactions = currencies.stream().mapToLong(Tiles.CurrencyTotals::transactions).sum();
    long items = currencies.stream().mapToLong(Tiles.CurrencyTotals::items).sum();
    boolean provisional = currencies.stream().anyMatch(Tiles.CurrencyTotals::provisional);
    return new Tiles.Period(span.from(), span.to(), provisional, transactions, items,
        Decimals.ratio(items, transactions), currencies);
  }

  /** Transactions per store and window (all currencies: a count, not money), every minute of the span. */
  static SalesByStore salesByStore(Connection connection, Span span) throws SQLException {
    List<Instant> windows = new ArrayList<>();
    for (Instant w = span.from(); w.isBefore(span.to()); w = w.plus(WINDOW)) {
      windows.add(w);
    }
    Map<Instant, Integer> index = new HashMap<>();
    windows.forEach(w -> index.put(w, index.size()));
    Map<String, Long[]> perStore = new LinkedHashMap<>();
    Boolean[] provisional = new Boolean[windows.size()];
    java.util.Arrays.fill(provisional, false);
    record Cell(String store, Instant window, long transactions, boolean provisional) {}
    for (Cell cell : Sql.query(connection,
        "SELECT store_id, window_start, CAST(sum(transactions) AS BIGINT), bool_or(NOT is_final)"
            + " FROM sales_store_kpis WHERE window_start >= ? AND window_start < ?"
            + " GROUP BY store_id, window_start ORDER BY store_id, window_start",
        row -> new Cell(row.getString(1), Sql.instant(row, 2), row.getLong(3), row.getBoolean(4)),
        span.from(), span.to())) {
      Integer i = index.get(cell.window());
      if (i == null) {
        continue; // a window not aligned to the minute: not a window this table should hold
      }
      Long[] counts = perStore.computeIfAbsent(cell.store(), s -> zeros(windows.size()));
      counts[i] = cell.transactions();
      provisional[i] |= cell.provisional();
    }
    List<SalesByStore.Store> stores = new ArrayList<>();
    perStore.forEach((store, counts) -> stores.add(new SalesByStore.Store(store, List.of(counts))));
    return new SalesByStore(span.from(), span.to(), windows, List.of(provisional), stores);
  }

  private static Long[] zeros(int n) {
    Long[] zeros = new Long[n];
    java.util.Arrays.fill(zeros, 0L);
    return zeros;
  }
}
