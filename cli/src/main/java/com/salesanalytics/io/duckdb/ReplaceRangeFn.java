package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.model.TimeRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the range in sales_cleaned with the staged backfill (the statements BigQuery runs too,
 * see {@link BackfillReplace}), in one transaction, and drops the staging table.
 */
class ReplaceRangeFn extends DoFn<String, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(ReplaceRangeFn.class);
  private final String path;
  private final @Nullable TimeRange publishRange;

  ReplaceRangeFn(String path, @Nullable TimeRange publishRange) {
    this.path = path;
    this.publishRange = publishRange;
  }

  @ProcessElement
  public void process(@Element String staging) throws SQLException {
    DuckDbDatabase db = DuckDbDatabase.open(path);
    // Alone on sales_cleaned: its writers' batches must not land between the replace's statements.
    Lock alone = db.tableLock(SalesTable.CLEANED.tableName()).writeLock();
    alone.lock();
    try {
      replace(db, staging);
    } finally {
      alone.unlock();
    }
    LOG.info("Backfill replaced {} in sales_cleaned", publishRange == null ? "the files' sales"
        : "the sales published from " + publishRange.from() + " to " + publishRange.to());
  }

  private void replace(DuckDbDatabase db, String staging) throws SQLException {
    db.withConnection(connection -> DuckDbDatabase.inTransaction(connection, c -> {
      try (Statement s = c.createStatement()) {
        s.execute(DuckDbDatabase.createTableSql(SalesTable.CLEANED, staging)); // no valid sale: nothing staged
        for (String statement : BackfillReplace.duckDbStatements(
            SalesTable.CLEANED.tableName(), staging, SalesTable.CLEANED.fields(), publishRange)) {
          s.execute(statement);
        }
        s.execute("DROP TABLE " + staging);
        dropLeftovers(s, BackfillReplace.stagingTableName(SalesTable.CLEANED.tableName(), publishRange) + "_");
      }
      return null;
    }));
  }

  /**
   * Drops the staging tables of earlier runs of this range that never got to their replace (killed,
   * crashed): named for the range and their run, they are never read, but would stay in the file.
   * BigQuery needs no such step: its staging table is one per range, truncated by the next run.
   * Only this process can have the file open, and it runs one backfill, so none is in use.
   */
  private static void dropLeftovers(Statement s, String prefix) throws SQLException {
    List<String> leftovers = new ArrayList<>();
    try (ResultSet tables = s.executeQuery("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'main' AND starts_with(table_name, '" + prefix + "')")) {
      while (tables.next()) {
        leftovers.add(tables.getString(1));
      }
    }
    for (String table : leftovers) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
    if (!leftovers.isEmpty()) {
      LOG.info("Dropped {} staging table(s) of earlier runs that did not finish", leftovers.size());
    }
  }
}
