package com.salesanalytics.io.duckdb;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.salesanalytics.io.SalesTable;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of values into one table, on a connection of its own. Every table has a row key
 * ({@link SalesTable#rowKey}). In an append table a row whose key is already there is skipped, so
 * writing the same rows again (Beam retries a failed bundle) adds nothing; in a result table
 * ({@link SalesTable.Writes#LATEST_RESULT}) a newer result replaces the row and an older one is
 * ignored, so retries and reordered bundles end the same.
 *
 * <p>Three ways, fastest first:
 * <ol>
 *   <li>(append tables) DuckDB's appender straight into the table, one transaction per batch,
 *       beside other appenders of the table. DuckDB refuses the batch if a key is already there or
 *       twice in it; the batch is rolled back and goes the keyed way. Fresh rows, the usual case,
 *       cost what a bare appender costs.
 *   <li>the keyed way: the batch appended to a staging table, then moved with one set-based
 *       {@code INSERT OR IGNORE} (or upsert), holding the table alone so that it sees every row
 *       committed before it.
 *   <li>if the batch is refused, rows one by one: those still refused are returned with the
 *       database's reason, so one bad row never blocks the others.
 * </ol>
 */
public final class TableWriter<T> implements AutoCloseable {
  /** Rows per transaction: enough that committing costs little per row, few enough to hold in memory. */
  public static final int BATCH_ROWS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

  /** How a value becomes a row: its column values in the table's order; {@code writtenAt} stamps ingested_at/processed_at. */
  @FunctionalInterface
  public interface ToColumns<T> extends Serializable {
    Object[] values(T value, Instant writtenAt);
  }

  /** A value that could not be written, by its index in the batch, and the database's reason. */
  public record Refused(int index, String reason) {}

  private final DuckDbDatabase db;
  private final SalesTable table;
  private final String tableName;
  private final ToColumns<T> toColumns;
  private final List<TableFieldSchema> fields;
  private final DuckDBConnection connection;
  /** The staging table is a temporary table of this writer's connection; emptied after every batch. */
  private boolean stagingCreated;

  /** Writes {@code table}'s rows into a table of its layout named {@code tableName} (created if absent). */
  public TableWriter(DuckDbDatabase db, SalesTable table, String tableName, ToColumns<T> toColumns) throws SQLException {
    this.db = db;
    this.table = table;
    this.tableName = tableName;
    this.toColumns = toColumns;
    this.fields = table.fields();
    this.connection = db.openWriteConnection();
    // Writers of one table start side by side; two creating it at once conflict in DuckDB's catalog.
    Lock alone = db.tableLock(tableName).writeLock();
    alone.lock();
    try (Statement s = connection.createStatement()) {
      s.execute(DuckDbDatabase.createTableSql(table, tableName));
    } catch (SQLException e) {
      close();
      throw e;
    } finally {
      alone.unlock();
    }
  }

  public String tableName() {
    return tableName;
  }

  /** Writes the values, each stamped {@code writtenAt}; returns the ones refused. */
  public List<Refused> write(List<T> values, Instant writtenAt) throws SQLException {
    if (values.isEmpty()) {
      return List.of();
    }
    List<Object[]> rows = new ArrayList<>(values.size());
    for (T value : values) {
      rows.add(toColumns.values(value, writtenAt));
    }
    if (table.writes() == SalesTable.Writes.APPEND && appendedDirectly(rows)) {
      return List.of();
    }
    Lock alone = db.tableLock(tableName).writeLock();
    alone.lock();
    try {
      writeKeyed(rows);
      return List.of();
    } catch (SQLException | RuntimeException batchRefused) {
      LOG.warn("{} refused a batch of {} rows ({}); retrying row by row", tableName, rows.size(),
          firstLine(batchRefused.getMessage()));
      return writeOneByOne(rows);
    } finally {
      alone.unlock();
    }
  }

  /** The fast way; false (and nothing written) if DuckDB refused the batch. */
  private boolean appendedDirectly(List<Object[]> rows) {
    Lock shared = db.tableLock(tableName).readLock();
    shared.lock();
    try {
      DuckDbDatabase.inTransaction(connection, c -> {
        try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, tableName)) {
          appendAll(appender, rows);
        }
        return null;
      });
      return true;
    } catch (SQLException | RuntimeException refused) {
      // A key already there or twice in the batch, most likely: the keyed way decides.
      LOG.debug("{}: appending {} rows directly was refused ({}); writing them keyed", tableName, rows.size(),
          firstLine(refused.getMessage()));
      return false;
    } finally {
      shared.unlock();
    }
  }

  /** One transaction; whatever goes wrong, it is rolled back and the connection left in auto-commit. */
  private void writeKeyed(List<Object[]> rows) throws SQLException {
    String staging = "staging_" + tableName;
    if (!stagingCreated) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TEMP TABLE IF NOT EXISTS " + staging + " AS SELECT * FROM " + tableName + " LIMIT 0");
      }
      stagingCreated = true;
    }
    DuckDbDatabase.inTransaction(connection, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM " + staging);
      }
      try (DuckDBAppender appender = c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, staging)) {
        appendAll(appender, rows);
      }
      try (Statement s = c.createStatement()) {
        // A key twice in one batch (a message delivered twice into one bundle, two results of a
        // window) is one row: DuckDB refuses an upsert that meets the same key twice.
        s.execute(insertSql("SELECT * FROM " + staging
            + " QUALIFY row_number() OVER (PARTITION BY " + String.join(", ", table.rowKey()) + newestFirst() + ") = 1"));
        s.execute("DELETE FROM " + staging);
      }
      return null;
    });
  }

  /**
   * Appends and flushes: DuckDB checks keys and constraints when the appender flushes, and its
   * close() swallows what the flush raises (the transaction then commits without the rows), so
   * the flush must be explicit for a refusal to be seen.
   */
  private static void appendAll(DuckDBAppender appender, List<Object[]> rows) throws SQLException {
    for (Object[] row : rows) {
      appender.beginRow();
      for (Object value : row) {
        append(appender, value);
      }
      appender.endRow();
    }
    appender.flush();
  }

  private String newestFirst() {
    return table.writes() == SalesTable.Writes.LATEST_RESULT ? " ORDER BY updated_at DESC, pane_index DESC" : "";
  }

  private String insertSql(String select) {
    if (table.writes() == SalesTable.Writes.APPEND) {
      return "INSERT OR IGNORE INTO " + tableName + " " + select;
    }
    String updates = fields.stream()
        .map(TableFieldSchema::getName)
        .filter(column -> !table.rowKey().contains(column))
        .map(column -> column + " = EXCLUDED." + column)
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + tableName + " " + select
        + " ON CONFLICT (" + String.join(", ", table.rowKey()) + ") DO UPDATE SET " + updates
        + " WHERE EXCLUDED.updated_at > " + tableName + ".updated_at OR (EXCLUDED.updated_at = "
        + tableName + ".updated_at AND EXCLUDED.pane_index >= " + tableName + ".pane_index)";
  }

  private List<Refused> writeOneByOne(List<Object[]> rows) throws SQLException {
    String placeholders = fields.stream().map(f -> "?").collect(Collectors.joining(", "));
    List<Refused> refused = new ArrayList<>();
    try (PreparedStatement insert = connection.prepareStatement(insertSql("VALUES (" + placeholders + ")"))) {
      for (int i = 0; i < rows.size(); i++) {
        try {
          Object[] row = rows.get(i);
          for (int c = 0; c < row.length; c++) {
            insert.setObject(c + 1, jdbcValue(row[c]));
          }
          insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
          refused.add(new Refused(i, firstLine(e.getMessage())));
        }
      }
    }
    return refused;
  }

  private static void append(DuckDBAppender appender, Object value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else if (value instanceof String s) {
      appender.append(s);
    } else if (value instanceof Long l) {
      appender.append(l.longValue());
    } else if (value instanceof Instant t) {
      // TIMESTAMPTZ is microseconds since the epoch; no OffsetDateTime per value.
      appender.appendEpochMicros(Math.multiplyExact(t.getMillis(), 1000L));
    } else if (value instanceof BigDecimal d) {
      // The appender wants the column's exact scale; validation keeps at most 9 places, so exact.
      appender.append(d.setScale(DuckDbDatabase.NUMERIC_SCALE, RoundingMode.UNNECESSARY));
    } else if (value instanceof Boolean b) {
      appender.append(b.booleanValue());
    } else {
      throw new IllegalArgumentException("no DuckDB encoding for " + value.getClass());
    }
  }

  private static Object jdbcValue(Object value) {
    return value instanceof Instant t
        ? OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(t.getMillis()), ZoneOffset.UTC)
        : value;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "refused by DuckDB";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Releases this writer's connection. */
  @Override
  public void close() {
    db.closeWriteConnection(connection);
  }
}
