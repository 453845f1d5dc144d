package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.TableFieldSchema;
import java.util.List;
import java.util.stream.Collectors;
import com.salesanalytics.model.TimeRange;
import org.joda.time.Instant;

/**
 * The statement that makes a backfill idempotent: rows loaded into a staging table are merged into
 * the target by transaction_id, replacing a matching row and inserting a new one. Running the same
 * backfill twice leaves the target exactly as after the first run.
 */
public final class BackfillMerge {
  private BackfillMerge() {}

  /**
   * Standard SQL MERGE; {@code quote} renders a table name in the target dialect (GoogleSQL
   * back-quotes; the same text runs on DuckDB, which the tests use to check its effect).
   */
  public static String sql(String target, String staging, List<TableFieldSchema> fields) {
    List<String> columns = fields.stream().map(TableFieldSchema::getName).toList();
    String updates = columns.stream()
        .filter(c -> !c.equals("transaction_id"))
        .map(c -> c + " = S." + c)
        .collect(Collectors.joining(", "));
    return "MERGE INTO " + target + " AS T USING " + staging + " AS S"
        + " ON T.transaction_id = S.transaction_id"
        + " WHEN MATCHED THEN UPDATE SET " + updates
        + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ")"
        + " VALUES (" + columns.stream().map(c -> "S." + c).collect(Collectors.joining(", ")) + ")";
  }

  /** One staging table per range, so a re-run of the same range overwrites its own staging. */
  public static String stagingTableName(String targetTable, TimeRange range) {
    return targetTable + "_backfill_" + compact(range.from()) + "_" + compact(range.to());
  }

  private static String compact(Instant instant) {
    return instant.toString().replaceAll("[^0-9]", "");
  }
}
