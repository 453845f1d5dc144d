package com.salesanalytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import com.salesanalytics.simulator.SimulatorTally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract, through the same entry point as {@code java -jar sales-analytics.jar}:
 * simulator output with invalid, duplicate and late events goes through each pipeline into DuckDB,
 * and every count and sum is checked against the simulator's own tally.
 */
class EndToEndDuckDbTest {
  private static final int EVENTS = 3_000;
  private static final String START = "2026-11-24T00:00:00Z";
  private static final String[] SIMULATION = {
    "--seed=2026", "--startTime=" + START, "--invalidRatio=0.08", "--duplicateRatio=0.05", "--lateRatio=0.03"};

  @TempDir static Path dir;
  static Path events;
  static SimulatorTally tally;

  @BeforeAll
  static void simulate() throws Exception {
    events = dir.resolve("events.jsonl");
    String out = run("simulator", "--outputFile=" + events, "--maxEvents=" + EVENTS, SIMULATION[0], SIMULATION[1],
        SIMULATION[2], SIMULATION[3], SIMULATION[4]);
    assertTrue(out.contains("simulator expected: " + EVENTS + " events"), out);
    assertEquals(EVENTS, Files.readAllLines(events).size());
    tally = SimulatorTally.of(new SaleGenerator(new SimulatorConfig(2026, 200, Instant.parse(START), 0.08, 0.05, 0.03,
        25, 5000, 400)), EVENTS);
    assertTrue(tally.duplicates() > 50 && tally.invalid() > 150 && tally.late() > 30, tally.toString());
  }

  /** Runs a command as the jar's main would; returns what it printed, failing on a non-zero status. */
  static String run(String command, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = command;
    System.arraycopy(args, 0, argv, 1, args.length);
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    int status;
    try {
      status = Main.dispatch(argv);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString();
    assertEquals(0, status, command + " failed: " + out);
    return out;
  }

  static String scalar(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  static void assertWarehouseMatchesTally(Path db) throws SQLException {
    assertEquals(String.valueOf(tally.uniqueSales()), scalar(db, "SELECT count(*) FROM sales_cleaned"));
    assertEquals(String.valueOf(tally.uniqueSales()), scalar(db, "SELECT count(DISTINCT transaction_id) FROM sales_cleaned"));
    assertEquals(String.valueOf(tally.totalItems()), scalar(db, "SELECT sum(total_items) FROM sales_cleaned"));
    assertEquals(0, tally.totalAmount().compareTo(new BigDecimal(scalar(db, "SELECT sum(total_amount) FROM sales_cleaned"))));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); ResultSet r = c.createStatement()
        .executeQuery("SELECT total_amount, total_items, avg_price_per_item FROM sales_cleaned")) {
      while (r.next()) {
        BigDecimal expected = r.getBigDecimal(1).divide(BigDecimal.valueOf(r.getLong(2)), 2, java.math.RoundingMode.HALF_UP);
        assertEquals(0, expected.compareTo(r.getBigDecimal(3)), "average of " + r.getBigDecimal(1) + " / " + r.getLong(2));
      }
    }
    Map<ErrorCode, Long> deadLetters = new EnumMap<>(ErrorCode.class);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); ResultSet r = c.createStatement()
        .executeQuery("SELECT error_code, count(*) FROM sales_dead_letter GROUP BY 1")) {
      while (r.next()) {
        deadLetters.put(ErrorCode.valueOf(r.getString(1)), r.getLong(2));
      }
    }
    assertEquals(tally.invalidByCode(), deadLetters);
    assertEquals("0", scalar(db, "SELECT count(*) FROM sales_dead_letter WHERE (error_code = 'INVALID_JSON')"
        + " <> (stage = 'parse') OR message_id NOT LIKE '%/events.jsonl:%'"));
  }

  @Test
  void backfillFromTheFileFillsCleanedAndDeadLettersPerTheRules() throws Exception {
    Path db = dir.resolve("backfill.duckdb");
    String out = run("backfill", "--inputFilePattern=" + events, "--duckdbPath=" + db);
    assertWarehouseMatchesTally(db);
    assertTrue(out.contains("events_in=" + EVENTS + " valid=" + tally.valid() + " invalid=" + tally.invalid()), out);
    assertTrue(out.contains("duplicates=" + tally.duplicates()), out);
  }

  @Test
  void reRunningABackfillChangesNoRowNotEvenWhenItWasWritten() throws Exception {
    Path db = dir.resolve("rerun.duckdb");
    run("backfill", "--inputFilePattern=" + events, "--duckdbPath=" + db);
    String fingerprint = "SELECT count(*) || '/' || sum(total_amount) || '/' || sum(hash(transaction_id, store_id,"
        + " customer_id, event_timestamp, total_items, total_amount, avg_price_per_item, message_id, publish_time,"
        + " processed_at)) FROM sales_cleaned";
    String deadLetters = "SELECT count(*) || '/' || sum(hash(dead_letter_id, failed_at)) FROM sales_dead_letter";
    String first = scalar(db, fingerprint);
    String firstDeadLetters = scalar(db, deadLetters);
    run("backfill", "--inputFilePattern=" + events, "--duckdbPath=" + db);
    assertEquals(first, scalar(db, fingerprint));
    assertEquals(firstDeadLetters, scalar(db, deadLetters));
  }

  @Test
  void streamCleanFromTheFileGivesTheSameResult() throws Exception {
    Path db = dir.resolve("stream.duckdb");
    run("stream-clean", "--inputFilePattern=" + events, "--duckdbPath=" + db, "--dedupeWindowMinutes=10");
    assertWarehouseMatchesTally(db);
    assertEveryEventAccountedFor(db);
  }

  /**
   * The health table accounts for every message the simulator sent, each in one column, and the
   * KPIs and line items add up to the sales they were computed from.
   */
  static void assertEveryEventAccountedFor(Path db) throws Exception {
    assertEquals("0", scalar(db, "SELECT count(*) FROM sales_pipeline_health WHERE NOT is_final"
        + " OR events_in <> cleaned + dead_lettered + duplicates + dropped_late"), "every window final and balanced");
    assertEquals(EVENTS + " " + tally.invalid() + " " + tally.duplicates() + " " + tally.uniqueSales(),
        scalar(db, "SELECT sum(events_in) || ' ' || sum(dead_lettered) || ' ' || sum(duplicates) || ' '"
            + " || (sum(cleaned) + sum(dropped_late)) FROM sales_pipeline_health"));
    assertEquals(scalar(db, "SELECT sum(cleaned) FROM sales_pipeline_health"),
        scalar(db, "SELECT sum(transactions) FROM sales_store_kpis WHERE is_final"), "the KPIs count the cleaned sales");
    assertEquals("0", scalar(db, "SELECT count(*) FROM sales_store_kpis WHERE NOT is_final"));
    assertEquals(scalar(db, "SELECT sum(line_count) || '/' || sum(total_amount) FROM sales_cleaned_unique"),
        scalar(db, "SELECT count(*) || '/' || sum(line_amount) FROM sales_line_items_unique"));
  }

  /** The metric columns of every KPI row, keyed; not how or when it was computed. */
  private static final String KPI_METRICS = "SELECT store_id || ' ' || epoch_ms(window_start) || ' ' || currency,"
      + " transactions || '/' || items || '/' || revenue || '/' || avg_basket || '/' || items_per_transaction || '/'"
      + " || customers || '/' || anonymous_transactions || '/' || customer_revenue || '/'"
      + " || coalesce(CAST(avg_spend_per_customer AS VARCHAR), '-') || '/' || CAST(top_products AS VARCHAR)"
      + " FROM sales_store_kpis";

  @Test
  void aBackfillRecomputesTheKpisOfItsWindowsWithTheSalesTheStreamDroppedAsLate() throws Exception {
    Path db = dir.resolve("kpis.duckdb");
    run("demo", "--maxEvents=" + EVENTS, "--eventsPerSecond=3000", "--allowedLatenessMinutes=0", "--dashboardPort=0",
        "--duckdbPath=" + db, SIMULATION[0], SIMULATION[1], SIMULATION[2], SIMULATION[3], SIMULATION[4]);
    long droppedLate = Long.parseLong(scalar(db, "SELECT sum(dropped_late) FROM sales_pipeline_health"));
    assertTrue(droppedLate > 0, "the stream dropped late sales from its KPIs");
    Map<String, String> streamed = rows(db, KPI_METRICS);

    String from = scalar(db, "SELECT strftime(min(publish_time), '%Y-%m-%dT%H:%M:%SZ') FROM sales_raw");
    String middle = scalar(db, "SELECT strftime(to_timestamp((epoch(min(publish_time)) + epoch(max(publish_time))) / 2),"
        + " '%Y-%m-%dT%H:%M:%SZ') FROM sales_raw");
    String to = scalar(db, "SELECT strftime(max(publish_time) + INTERVAL 1 SECOND, '%Y-%m-%dT%H:%M:%SZ') FROM sales_raw");

    run("backfill", "--from=" + from, "--to=" + middle, "--duckdbPath=" + db);
    assertEquals("true", scalar(db, "SELECT count(*) > 0 FROM sales_store_kpis k JOIN sales_cleaned_unique s"
        + " ON s.store_id = k.store_id AND s.currency = k.currency AND s.event_timestamp >= k.window_start"
        + " AND s.event_timestamp < k.window_end WHERE k.timing = 'BACKFILL' AND s.publish_time >= TIMESTAMPTZ '"
        + middle + "'"), "some recomputed windows hold sales published after the range");
    assertKpisMatchUniqueSales(db, "timing = 'BACKFILL'");

    String[] everything = {"--from=" + from, "--to=" + to, "--duckdbPath=" + db};
    run("backfill", everything);
    assertKpisMatchUniqueSales(db);
    assertEquals("0", scalar(db, "SELECT count(*) FROM sales_store_kpis WHERE timing <> 'BACKFILL' OR NOT is_final"));
    Map<String, String> backfilled = rows(db, KPI_METRICS);
    long corrected = backfilled.keySet().stream().filter(k -> !backfilled.get(k).equals(streamed.get(k))).count();
    assertTrue(corrected > 0 && corrected <= droppedLate, corrected + " windows corrected or added for " + droppedLate
        + " drops");
    streamed.forEach((key, metrics) -> {
      if (metrics.startsWith(backfilled.get(key).split("/")[0] + "/")) {
        assertEquals(metrics, backfilled.get(key), "a window the stream had whole is recomputed identically: " + key);
      }
    });

    run("backfill", everything);
    assertEquals(backfilled, rows(db, KPI_METRICS), "a re-run changes no KPI");
  }

  /**
   * Every KPI row is what SQL computes from the unique sales and their lines (one-minute windows),
   * and every sale's lines are in the line-item table.
   */
  static void assertKpisMatchUniqueSales(Path db) throws Exception {
    assertKpisMatchUniqueSales(db, "TRUE");
  }

  /** As above, for the KPI rows that meet {@code condition}. */
  static void assertKpisMatchUniqueSales(Path db, String condition) throws Exception {
    String bySales = "SELECT store_id || ' ' || epoch_ms(date_trunc('minute', event_timestamp)) || ' ' || currency,"
        + " count(*) || '/' || sum(total_items) || '/' || sum(total_amount) || '/' || count(DISTINCT customer_id)"
        + " || '/' || count(*) FILTER (WHERE customer_id IS NULL)"
        + " || '/' || coalesce(sum(total_amount) FILTER (WHERE customer_id IS NOT NULL), 0)"
        + " FROM sales_cleaned_unique GROUP BY ALL";
    String byKpis = "SELECT store_id || ' ' || epoch_ms(window_start) || ' ' || currency, transactions || '/' || items"
        + " || '/' || revenue || '/' || customers || '/' || anonymous_transactions || '/' || customer_revenue"
        + " FROM sales_store_kpis WHERE " + condition;
    assertKpiRowsMatch(db, bySales, byKpis, condition);
    String topBySales = "SELECT k, product_id FROM (SELECT store_id || ' ' || epoch_ms(date_trunc('minute',"
        + " event_timestamp)) || ' ' || currency AS k, product_id, sum(line_amount) AS revenue"
        + " FROM sales_line_items_unique GROUP BY ALL)"
        + " QUALIFY row_number() OVER (PARTITION BY k ORDER BY revenue DESC, product_id) = 1";
    String topByKpis = "SELECT store_id || ' ' || epoch_ms(window_start) || ' ' || currency,"
        + " top_products->>'$[0].product_id' FROM sales_store_kpis WHERE " + condition;
    assertKpiRowsMatch(db, topBySales, topByKpis, condition);
    assertEquals(scalar(db, "SELECT sum(line_count) || '/' || sum(total_amount) FROM sales_cleaned_unique"),
        scalar(db, "SELECT count(*) || '/' || sum(line_amount) FROM sales_line_items_unique"));
  }

  /** The KPI rows equal the reference's rows of the same keys, and (unless restricted) it has no other. */
  private static void assertKpiRowsMatch(Path db, String referenceSql, String kpiSql, String condition)
      throws SQLException {
    Map<String, String> kpis = rows(db, kpiSql);
    Map<String, String> reference = rows(db, referenceSql);
    if (!condition.equals("TRUE")) {
      reference.keySet().retainAll(kpis.keySet());
    }
    assertEquals(reference, kpis);
  }

  private static Map<String, String> rows(Path db, String sql) throws SQLException {
    Map<String, String> rows = new java.util.TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); ResultSet r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        assertEquals(null, rows.put(r.getString(1), r.getString(2)), "one row per key: " + r.getString(1));
      }
    }
    return rows;
  }

  @Test
  void rawIngestKeepsEveryMessageAndABackfillOfItsRangeReplaysThemAll() throws Exception {
    Path db = dir.resolve("replay.duckdb");
    Path copy = dir.resolve("replay").resolve("events.jsonl");
    Files.createDirectories(copy.getParent());
    Files.copy(events, copy);
    assertTrue(copy.toFile().setLastModified(Instant.parse("2026-11-24T12:00:00Z").getMillis()));
    run("raw-ingest", "--inputFilePattern=" + copy, "--duckdbPath=" + db);
    assertEquals(String.valueOf(EVENTS), scalar(db, "SELECT count(*) FROM sales_raw"));
    assertEquals("0", scalar(db, "SELECT count(*) FROM sales_cleaned"));

    run("backfill", "--from=2026-11-25", "--to=2026-11-26", "--duckdbPath=" + db);
    assertEquals("0", scalar(db, "SELECT count(*) FROM sales_cleaned"), "a range without raw rows replays nothing");

    run("backfill", "--from=2026-11-24", "--to=2026-11-25", "--duckdbPath=" + db);
    assertWarehouseMatchesTally(db);
    assertKpisMatchUniqueSales(db);
  }

  @Test
  void theDemoStreamsTheSimulatorIntoRawAndCleanedWithProgressAndASummary() throws Exception {
    Path db = dir.resolve("demo.duckdb");
    String out = run("demo", "--maxEvents=" + EVENTS, "--eventsPerSecond=3000", "--progressIntervalSeconds=1",
        "--dashboardPort=0", "--duckdbPath=" + db, SIMULATION[0], SIMULATION[1], SIMULATION[2], SIMULATION[3], SIMULATION[4]);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\[00:00:\\d\\d] events in [\\d,]+ \\| raw .* events/s"
        + " \\| fresh (-|p50 [\\d.]+ s, p99 [\\d.]+ s) \\| heap [\\d,]+ MB, RSS [\\d,]+ MB")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(".* \\| fresh p50 [\\d.]+ s, p99 [\\d.]+ s \\| .*")),
        "some line says how fresh the cleaned rows were\n" + out);
    assertTrue(out.lines().anyMatch(l -> l.matches("dashboard: http://127\\.0\\.0\\.1:\\d+/ .*")), out);
    assertTrue(out.contains("demo DONE: events_in=" + EVENTS), out);
    assertTrue(out.contains("top stores by revenue"), out);
    assertEquals(String.valueOf(EVENTS), scalar(db, "SELECT count(*) FROM sales_raw"));
    assertEquals(String.valueOf(EVENTS), scalar(db, "SELECT count(DISTINCT message_id) FROM sales_raw"));
    assertEquals(String.valueOf(tally.uniqueSales()), scalar(db, "SELECT count(*) FROM sales_cleaned"));
    assertEquals(0, tally.totalAmount().compareTo(new BigDecimal(scalar(db, "SELECT sum(total_amount) FROM sales_cleaned"))));
    assertEquals(String.valueOf(tally.invalid()), scalar(db, "SELECT count(*) FROM sales_dead_letter"));
    assertEveryEventAccountedFor(db);
  }
}
