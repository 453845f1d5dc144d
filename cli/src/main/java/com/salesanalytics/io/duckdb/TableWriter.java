package com.salesanalytics.io.duckdb;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.salesanalytics.io.SalesTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows into one table. The fast path appends the batch to a staging table and
 * moves it with one set-based statement in one transaction (DuckDB's appender is ~100x faster than
 * row inserts). Every table has a row key ({@link SalesTable#rowKey}). In an append table a row
 * whose key is already there is skipped, so writing the same rows again (Beam retries a failed
 * bundle) adds nothing; in a result table ({@link SalesTable.Writes#LATEST_RESULT}) a newer result
 * replaces the row and an older one is ignored, so retries and reordered bundles end the same. If the batch is refused, rows are retried one by one and those still refused are
 * returned with the database's reason, so one bad row never blocks the others.
 */
final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
  private final SalesTable table;
  private final String tableName;
  private final List<TableFieldSchema> fields;
  /** The staging table lives as long as the shared connection; it is emptied after every batch. */
  private boolean stagingCreated;

  TableWriter(SalesTable table) {
    this(table, table.tableName());
  }

  /** Writes {@code table}'s rows into a table of the same layout under another name (a backfill's staging). */
  TableWriter(SalesTable table, String tableName) {
    this.table = table;
    this.tableName = tableName;
    this.fields = table.fields();
  }

  /** A row that could not be written and the database's reason. */
  record Refused(int index, String reason) {}

  /** Writes the rows; returns the ones refused, by their index in {@code rows}. */
  List<Refused> write(DuckDbDatabase db, List<Map<String, Object>> rows) throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    return db.withConnection(connection -> {
      try {
        writeBatch(connection, rows);
        return Collections.<Refused>emptyList();
      } catch (SQLException | RuntimeException batchRefused) {
        LOG.warn("{} refused a batch of {} rows ({}); retrying row by row", tableName, rows.size(),
            firstLine(batchRefused.getMessage()));
        return writeOneByOne(connection, rows);
      }
    });
  }

  /** One transaction; whatever goes wrong, it is rolled back and the shared connection left in auto-commit. */
  private void writeBatch(DuckDBConnection connection, List<Map<String, Object>> rows) throws SQLException {
    String staging = "staging_" + tableName;
    if (!stagingCreated) {
      try (Statement s = connection.createStatement()) {
        s.execute(DuckDbDatabase.createTableSql(table, tableName));
        s.execute("CREATE TEMP TABLE IF NOT EXISTS " + staging + " AS SELECT * FROM " + tableName + " LIMIT 0");
      }
      stagingCreated = true;
    }
    DuckDbDatabase.inTransaction(connection, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM " + staging);
      }
      try (DuckDBAppender appender = c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, staging)) {
        for (Map<String, Object> row : rows) {
          appender.beginRow();
          for (TableFieldSchema field : fields) {
            append(appender, row.get(field.getName()));
          }
          appender.endRow();
        }
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

  private List<Refused> writeOneByOne(DuckDBConnection connection, List<Map<String, Object>> rows)
      throws SQLException {
    String placeholders = fields.stream().map(f -> "?").collect(Collectors.joining(", "));
    List<Refused> refused = new ArrayList<>();
    try (PreparedStatement insert = connection.prepareStatement(insertSql("VALUES (" + placeholders + ")"))) {
      for (int i = 0; i < rows.size(); i++) {
        try {
          for (int c = 0; c < fields.size(); c++) {
            insert.setObject(c + 1, jdbcValue(rows.get(i).get(fields.get(c).getName())));
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
    } else if (value instanceof Boolean b) {
      appender.append(b.booleanValue());
    } else if (value instanceof Long l) {
      appender.append(l.longValue());
    } else if (value instanceof BigDecimal d) {
      // The appender wants the column's exact scale; validation keeps at most 9 places, so exact.
      appender.append(d.setScale(DuckDbDatabase.NUMERIC_SCALE, RoundingMode.UNNECESSARY));
    } else if (value instanceof Instant t) {
      appender.append(OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(t.getMillis()), ZoneOffset.UTC));
    } else {
      throw new IllegalArgumentException("no DuckDB encoding for " + value.getClass());
    }
  }

  private static Object jdbcValue(Object value) {
    return value instanceof Instant t
        ? OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(t.getMillis()), ZoneOffset.UTC)
        : value;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "refused by DuckDB";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
