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

/** Names, restrictions and values as BigQuery spells them. */
class BigQueryNamesTest {

  @Test
  void eachRangeHasItsOwnStagingTable() {
    TimeRange day = new TimeRange(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"));
    assertEquals("sales_cleaned_backfill_20261123000000000_20261124000000000",
        com.salesanalytics.io.BackfillReplace.stagingTableName("sales_cleaned", day));
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
