package com.salesanalytics.dashboard;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A DuckDB file with rows inserted by plain SQL, as the pipelines would leave them: the tables come
 * from {@link DuckDbDatabase#open} (the schema files), the rows from here.
 */
final class DashboardFixture {
  /** The hand-checked fixture's day; its newest KPI window is 10:04-10:05. */
  static final String DAY = "2026-11-24T";

  private final DuckDbDatabase database;

  private DashboardFixture(DuckDbDatabase database) {
    this.database = database;
  }

  static DashboardFixture create(Path file) {
    return new DashboardFixture(DuckDbDatabase.open(file.toString()));
  }

  DuckDbDatabase database() {
    return database;
  }

  static Instant at(String hhmmss) {
    return Instant.parse(DAY + hhmmss + "Z");
  }

  /**
   * The fixture whose every figure the tests work out by hand (see DashboardApiTest): three stores,
   * USD and EUR, final and provisional windows, one window just inside the last hour and one just
   * outside, a late redelivery, a sale after the newest KPI window. The tiles count customers from
   * the sales, not from the KPI rows' customer columns: c-1 buys in two stores in one minute and in
   * both currencies, t2 is anonymous, c-2 buys only just before the hour and after its end.
   */
  DashboardFixture handChecked() throws SQLException {
    // store, window start, currency, transactions, items, revenue, customers, anonymous, customer revenue, final
    kpi("store-01", at("10:04:00"), "USD", 4, 11, "52.40", 3, 1, "40.15", false);
    kpi("store-02", at("10:04:00"), "USD", 2, 3, "9.99", 1, 1, "7.50", false);
    kpi("store-03", at("10:04:00"), "EUR", 1, 2, "20.00", 0, 1, "0", true);
    kpi("store-01", at("10:03:00"), "USD", 3, 6, "30.00", 2, 1, "25.00", true);
    kpi("store-03", at("10:03:00"), "EUR", 2, 5, "14.50", 2, 0, "14.50", true);
    kpi("store-02", at("09:05:00"), "USD", 1, 1, "0.01", 1, 0, "0.01", true); // first window of the last hour
    kpi("store-01", at("09:04:00"), "USD", 100, 100, "1000.00", 50, 50, "500.00", true); // just before it

    // window start, events in, cleaned, dead-lettered, duplicates, dropped late, final
    health(at("10:05:00"), 20, 15, 2, 2, 1, false);
    health(at("10:00:00"), 30, 28, 1, 1, 0, true);
    health(at("09:06:00"), 50, 47, 3, 0, 0, true); // first window of the hour ending 10:06
    health(at("09:05:00"), 1000, 400, 500, 100, 0, true); // just before it

    // transaction, store, customer, currency, event time, message, publish time, lines (product, quantity, unit price)
    sale("t1", "store-01", "c-1", "USD", at("10:04:10"), "m1", at("10:04:11"), line("p-0001", 1, "1.50"), line("p-0002", 1, "0.50"));
    sale("t2", "store-01", null, "USD", at("10:04:20"), "m2", at("10:04:21"), line("p-0001", 2, "1.50"));
    sale("t3", "store-02", "c-1", "USD", at("10:04:50"), "m3", at("10:04:51"), line("p-0003", 4, "2.50"), line("p-0004", 1, "0.50"));
    sale("t1", "store-01", "c-1", "USD", at("10:04:10"), "m1-late", at("10:30:00"), line("p-0001", 1, "1.50"), line("p-0002", 1, "0.50"));
    sale("t4", "store-03", "c-1", "EUR", at("10:03:05"), "m4", at("10:03:06"), line("p-0001", 1, "1.40"));
    sale("t5", "store-01", "c-2", "USD", at("09:04:59"), "m5", at("09:05:00"), line("p-0009", 7, "100.00"));
    sale("t6", "store-01", "c-2", "USD", at("10:05:10"), "m6", at("10:05:11"), line("p-0009", 3, "100.00"));
    return this;
  }

  /**
   * About 90 minutes of trading ending at {@code asOf} (a minute boundary), for the browser test and
   * the screenshot: 8 stores of different sizes (store-07 and store-08 sell in EUR), 0.2 to 1.8 sales a second with 1-4
   * lines each, a few late redeliveries; the KPI rows are the sales' per-minute totals, final except
   * the newest two minutes; health rows per minute with a few percent of dead letters and duplicates.
   * Generated in SQL from hashes of the row number, so it is the same every time for the same asOf.
   */
  DashboardFixture realistic(Instant asOf) throws SQLException {
    String now = "TIMESTAMPTZ '" + asOf + "'";
    // Busy and quiet spells (a slow wave over the 90 minutes) and big and small stores (skewed draw).
    execute("CREATE TABLE gen AS SELECT i,"
        + " " + now + " - INTERVAL 1 MILLISECOND - i * INTERVAL 500 MILLISECOND AS event_timestamp,"
        + " 'store-' || lpad(CAST(1 + CAST(floor(8 * pow((hash(i, 1) % 10007) / 10007.0, 1.5)) AS BIGINT) AS VARCHAR),"
        + "   2, '0') AS store_id,"
        + " CASE WHEN hash(i, 5) % 10 < 6 THEN 'c-' || CAST(hash(i, 6) % 400 AS VARCHAR) END AS customer_id,"
        + " 1 + CAST(hash(i, 2) % 4 AS BIGINT) AS lines"
        + " FROM range(0, 10800) r(i)"
        + " WHERE (hash(i, 9) % 1000) / 1000.0 < 0.5 + 0.3 * sin(i / 1400.0) + 0.1 * sin(i / 170.0)");
    execute("INSERT INTO sales_line_items SELECT 't-' || g.i, l.n, g.store_id, g.event_timestamp,"
        + " CASE WHEN g.store_id IN ('store-07', 'store-08') THEN 'EUR' ELSE 'USD' END,"
        + " 'p-' || lpad(CAST(p.product AS VARCHAR), 4, '0'), p.quantity, p.price, p.quantity * p.price,"
        + " 'm-' || g.i, g.event_timestamp + INTERVAL 1 SECOND, g.event_timestamp + INTERVAL 2 SECOND"
        + " FROM gen g, range(1, 5) l(n),"
        + " LATERAL (SELECT 1 + (hash(g.i, l.n, 3) % 30) * (hash(g.i, l.n, 4) % 30) // 30 AS product,"
        + "   1 + CAST(hash(g.i, l.n, 7) % 10 AS BIGINT) // 6 AS quantity,"
        + "   CAST(1.49 + ((1 + (hash(g.i, l.n, 3) % 30) * (hash(g.i, l.n, 4) % 30) // 30) * 37 % 23) AS DECIMAL(38, 9)) AS price) p"
        + " WHERE l.n <= g.lines");
    execute("INSERT INTO sales_cleaned SELECT l.transaction_id, l.store_id, g.customer_id, l.event_timestamp, 'card',"
        + " l.currency, count(*), sum(l.quantity), sum(l.line_amount), round(sum(l.line_amount) / sum(l.quantity), 2),"
        + " max(l.processed_at), l.message_id, l.publish_time"
        + " FROM sales_line_items l JOIN gen g ON l.message_id = 'm-' || g.i"
        + " GROUP BY l.transaction_id, l.store_id, g.customer_id, l.event_timestamp, l.currency, l.message_id, l.publish_time");
    // late redeliveries of every 97th sale: a second row (and lines) that the unique view drops
    execute("INSERT INTO sales_line_items SELECT transaction_id, line_number, store_id, event_timestamp, currency,"
        + " product_id, quantity, unit_price, line_amount, message_id || '-again', publish_time + INTERVAL 20 MINUTE,"
        + " processed_at + INTERVAL 20 MINUTE FROM sales_line_items WHERE CAST(substr(transaction_id, 3) AS BIGINT) % 97 = 0");
    execute("INSERT INTO sales_cleaned SELECT * REPLACE (message_id || '-again' AS message_id,"
        + " publish_time + INTERVAL 20 MINUTE AS publish_time)"
        + " FROM sales_cleaned WHERE CAST(substr(transaction_id, 3) AS BIGINT) % 97 = 0");
    execute("INSERT INTO sales_store_kpis SELECT store_id, date_trunc('minute', event_timestamp) AS ws, currency,"
        + " ws + INTERVAL 1 MINUTE, count(*), sum(total_items), sum(total_amount),"
        + " round(sum(total_amount) / count(*), 2), round(sum(total_items) / count(*), 2),"
        + " count(DISTINCT customer_id), count(*) FILTER (WHERE customer_id IS NULL),"
        + " coalesce(sum(total_amount) FILTER (WHERE customer_id IS NOT NULL), 0),"
        + " round(sum(total_amount) FILTER (WHERE customer_id IS NOT NULL) / nullif(count(DISTINCT customer_id), 0), 2),"
        + " '[]', CASE WHEN ws >= " + now + " - INTERVAL 2 MINUTE THEN 'EARLY' ELSE 'ON_TIME' END,"
        + " ws < " + now + " - INTERVAL 2 MINUTE, 0, " + now
        + " FROM sales_cleaned_unique GROUP BY store_id, ws, currency");
    execute("INSERT INTO sales_pipeline_health SELECT ws, ws + INTERVAL 1 MINUTE,"
        + " n + dead + dup + late, n, dead, dup, late,"
        + " CASE WHEN ws >= " + now + " - INTERVAL 2 MINUTE THEN 'EARLY' ELSE 'ON_TIME' END,"
        + " ws < " + now + " - INTERVAL 2 MINUTE, 0, " + now
        + " FROM (SELECT date_trunc('minute', publish_time) AS ws, count(*) AS n,"
        + "   CAST(count(*) * (3 + hash(date_trunc('minute', publish_time)) % 5) / 100 AS BIGINT) AS dead,"
        + "   CAST(count(*) * (1 + hash(date_trunc('minute', publish_time), 1) % 4) / 100 AS BIGINT) AS dup,"
        + "   CAST(hash(date_trunc('minute', publish_time), 2) % 3 AS BIGINT) AS late"
        + "   FROM sales_cleaned WHERE message_id NOT LIKE '%-again' GROUP BY ws)");
    execute("DROP TABLE gen");
    return this;
  }

  /** One line of a sale. */
  record Line(String product, long quantity, String unitPrice) {}

  static Line line(String product, long quantity, String unitPrice) {
    return new Line(product, quantity, unitPrice);
  }

  void kpi(String store, Instant windowStart, String currency, long transactions, long items, String revenue,
      long customers, long anonymous, String customerRevenue, boolean isFinal) throws SQLException {
    execute(String.format(Locale.ROOT,
        "INSERT INTO sales_store_kpis VALUES ('%s', '%s', '%s', '%s', %d, %d, %s,"
            + " round(%s / %d, 2), round(%d / %d, 2), %d, %d, %s, %s, '[]', '%s', %s, %d, '%s')",
        store, windowStart, currency, windowStart.plus(Duration.ofMinutes(1)), transactions, items, revenue,
        revenue, transactions, items, transactions, customers, anonymous, customerRevenue,
        customers == 0 ? "NULL" : "round(" + customerRevenue + " / " + customers + ", 2)",
        isFinal ? "ON_TIME" : "EARLY", isFinal, isFinal ? 1 : 0, windowStart.plus(Duration.ofMinutes(1))));
  }

  void health(Instant windowStart, long eventsIn, long cleaned, long deadLettered, long duplicates, long droppedLate,
      boolean isFinal) throws SQLException {
    execute(String.format(Locale.ROOT,
        "INSERT INTO sales_pipeline_health VALUES ('%s', '%s', %d, %d, %d, %d, %d, '%s', %s, %d, '%s')",
        windowStart, windowStart.plus(Duration.ofMinutes(1)), eventsIn, cleaned, deadLettered, duplicates, droppedLate,
        isFinal ? "ON_TIME" : "EARLY", isFinal, isFinal ? 1 : 0, windowStart.plus(Duration.ofMinutes(1))));
  }

  /**
   * A delivery of a sale: its sales_cleaned row and its sale lines, as the clean pipeline writes them;
   * a null customer is an anonymous sale.
   */
  void sale(String transaction, String store, @Nullable String customer, String currency, Instant eventTime,
      String message, Instant publishTime, Line... lines) throws SQLException {
    long items = 0;
    java.math.BigDecimal amount = java.math.BigDecimal.ZERO;
    for (int i = 0; i < lines.length; i++) {
      Line l = lines[i];
      java.math.BigDecimal lineAmount = new java.math.BigDecimal(l.unitPrice()).multiply(java.math.BigDecimal.valueOf(l.quantity()));
      items += l.quantity();
      amount = amount.add(lineAmount);
      execute(String.format(Locale.ROOT,
          "INSERT INTO sales_line_items VALUES ('%s', %d, '%s', '%s', '%s', '%s', %d, %s, %s, '%s', '%s', '%s')",
          transaction, i + 1, store, eventTime, currency, l.product(), l.quantity(), l.unitPrice(),
          lineAmount.toPlainString(), message, publishTime, publishTime));
    }
    execute(String.format(Locale.ROOT,
        "INSERT INTO sales_cleaned VALUES ('%s', '%s', %s, '%s', 'card', '%s', %d, %d, %s, round(%s / %d, 2), '%s', '%s', '%s')",
        transaction, store, customer == null ? "NULL" : "'" + customer + "'", eventTime, currency, lines.length, items,
        amount.toPlainString(), amount.toPlainString(), items, publishTime, message, publishTime));
  }

  void execute(String sql) throws SQLException {
    try (Connection c = database.readConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
