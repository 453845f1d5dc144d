package com.salesanalytics.io.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.SalesTable;
import com.salesanalytics.model.TimeRange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MERGE that makes BigQuery backfills idempotent is standard SQL; DuckDB runs the same text,
 * so its effect is checked on a real engine rather than by reading the string.
 */
class BackfillMergeTest {
  private static final String COLUMNS = "transaction_id VARCHAR, store_id VARCHAR, customer_id VARCHAR,"
      + " event_timestamp TIMESTAMPTZ, payment_method VARCHAR, currency VARCHAR, line_count BIGINT,"
      + " total_items BIGINT, total_amount DECIMAL(38,9), avg_price_per_item DECIMAL(38,9), processed_at TIMESTAMPTZ";

  private static String row(String id, String amount, String processedAt) {
    return "('" + id + "', 'store-07', NULL, TIMESTAMPTZ '2026-11-24 10:00:00+00', 'card', 'USD', 1, 1, " + amount
        + ", " + amount + ", TIMESTAMPTZ '" + processedAt + "')";
  }

  @Test
  void mergingTheSameStagingTwiceLeavesTheTargetAsAfterTheFirstTime() throws Exception {
    String merge = BackfillMerge.sql("sales_cleaned", "staging", SalesTable.CLEANED.fields());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sales_cleaned (" + COLUMNS + ")");
      s.execute("CREATE TABLE staging (" + COLUMNS + ")");
      s.execute("INSERT INTO sales_cleaned VALUES " + row("t-1", "1.00", "2026-11-24 11:00:00+00") + ", "
          + row("t-2", "2.00", "2026-11-24 11:00:00+00"));
      // The backfill recomputed t-2 (a fix) and found t-3, which streaming missed.
      s.execute("INSERT INTO staging VALUES " + row("t-2", "2.50", "2026-11-25 01:00:00+00") + ", "
          + row("t-3", "3.00", "2026-11-25 01:00:00+00"));

      s.execute(merge);
      String afterFirst = contents(s);
      s.execute(merge);

      assertEquals(afterFirst, contents(s));
      assertEquals("t-1=1.000000000;t-2=2.500000000;t-3=3.000000000;", afterFirst);
    }
  }

  private static String contents(Statement s) throws Exception {
    StringBuilder out = new StringBuilder();
    try (ResultSet r = s.executeQuery("SELECT transaction_id, total_amount FROM sales_cleaned ORDER BY 1")) {
      while (r.next()) {
        out.append(r.getString(1)).append('=').append(r.getString(2)).append(';');
      }
    }
    return out.toString();
  }

  @Test
  void theMergeUpdatesEveryColumnButTheKeyAndInsertsEveryColumn() {
    String merge = BackfillMerge.sql("`p.d.sales_cleaned`", "`p.d.staging`", SalesTable.CLEANED.fields());
    String updates = merge.substring(merge.indexOf("UPDATE SET"), merge.indexOf("WHEN NOT MATCHED"));
    String inserts = merge.substring(merge.indexOf("WHEN NOT MATCHED"));
    for (var field : SalesTable.CLEANED.fields()) {
      String column = field.getName();
      assertTrue(inserts.contains("S." + column), column);
      assertEquals(!column.equals("transaction_id"), updates.contains(column + " = S." + column), column);
    }
  }

  @Test
  void eachRangeHasItsOwnStagingTable() {
    TimeRange day = new TimeRange(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"));
    assertEquals("sales_cleaned_backfill_20261123000000000_20261124000000000",
        BackfillMerge.stagingTableName("sales_cleaned", day));
  }

  @Test
  void theReadPushesThePublishTimeRangeDownToBigQuery() {
    TimeRange day = new TimeRange(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"));
    assertEquals("publish_time >= TIMESTAMP '2026-11-23T00:00:00.000Z' AND publish_time < TIMESTAMP"
        + " '2026-11-24T00:00:00.000Z'", BigQueryWarehouse.rowRestriction(day));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-24 10:15:30.123 UTC", "2026-11-24T10:15:30.123Z", "2026-11-24T 10:15:30.123",
    "2026-11-24 10:15:30.123+00:00", "2026-11-24T12:15:30.123+02:00"})
  void timestampsAreReadInEveryFormBigQueryReadersUse(String text) {
    assertEquals(Instant.parse("2026-11-24T10:15:30.123Z"), TableRows.timestamp(text));
  }

  @Test
  void timestampsAreReadFromEpochMicros() {
    assertEquals(Instant.parse("2026-11-24T10:15:30.123Z"), TableRows.timestamp(1_795_515_330_123_000L));
  }

  @Test
  void targetsAcceptColonOrDotAndRejectAnythingElse() {
    assertEquals(new BigQueryTarget("my-project", "sales_data"), BigQueryTarget.parse("my-project:sales_data"));
    assertEquals(new BigQueryTarget("my-project", "sales_data"), BigQueryTarget.parse("my-project.sales_data"));
    assertEquals("`my-project.sales_data.sales_raw`", BigQueryTarget.parse("my-project:sales_data").sqlName("sales_raw"));
    for (String bad : new String[] {"sales_data", "My-Project:sales", "p:sales", "my-project:sales-data", ""}) {
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BigQueryTarget.parse(bad), bad);
    }
  }
}
