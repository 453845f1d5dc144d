package com.salesanalytics.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freshness: from the simulator creating an event to its cleaned row being visible in DuckDB. */
class FreshnessTest {
  @TempDir
  Path dir;

  @Test
  void readsTheSimulatorIndexFromItsMessageId() {
    assertEquals(123_456, Freshness.indexOf("sim-42-123456"));
    assertEquals(-1, Freshness.indexOf("projects-message-abc"));
    assertEquals(-1, Freshness.indexOf("nodash"));
  }

  @Test
  void anEventNeverCreatedHereHasNoAge() {
    assertEquals(-1, Freshness.ageMillis(Long.MAX_VALUE - 1, System.currentTimeMillis()));
    assertEquals(-1, Freshness.ageMillis(-1, System.currentTimeMillis()));
  }

  @Test
  void aRowCommittedAboutASecondAfterItsEventWasCreatedIsAboutASecondOld() throws Exception {
    String url = "jdbc:duckdb:" + dir.resolve("fresh.duckdb");
    try (Connection writer = DriverManager.getConnection(url);
        Statement sql = writer.createStatement();
        Freshness.Probe probe = Freshness.Probe.start(() -> ((org.duckdb.DuckDBConnection) writer).duplicate())) {
      sql.execute("CREATE TABLE sales_cleaned (message_id VARCHAR)");
      Freshness.created(900_001);
      Freshness.created(900_002);
      Thread.sleep(1_000);
      sql.execute("INSERT INTO sales_cleaned VALUES ('sim-42-900001'), ('sim-42-900002'), ('from-elsewhere')");
      Thread.sleep(3 * Freshness.POLL_MILLIS);
      Freshness.created(900_003);
      sql.execute("INSERT INTO sales_cleaned VALUES ('sim-42-900003')");
      Thread.sleep(3 * Freshness.POLL_MILLIS);

      Histogram.Summary seen = probe.sinceLastReport();

      assertEquals(3, seen.count(), "each simulated row once; the foreign one is not counted");
      assertTrue(seen.p50Millis() >= 1_000 && seen.p50Millis() <= 1_000 + 3 * Freshness.POLL_MILLIS, "p50 " + seen);
      assertEquals(0, probe.sinceLastReport().count(), "rows are counted in the report after they appear, once");
    }
  }
}
