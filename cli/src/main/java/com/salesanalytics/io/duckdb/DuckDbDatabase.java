package com.salesanalytics.io.duckdb;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.salesanalytics.io.SalesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * One open DuckDB file per JVM. DuckDB lets only one process open a file read-write, and one
 * database instance per file is the safe way to share it inside a process, so every DoFn instance
 * of every step borrows this handle. Table writers append on connections of their own
 * ({@link #openWriteConnection}), so that writes to different tables, and plain appends to one
 * table, run side by side (DuckDB: appends never conflict); whatever must see a table's committed
 * rows before it writes (keyed inserts, upserts, the backfill's replace) holds that table's
 * {@link #tableLock} exclusively.
 */
public final class DuckDbDatabase implements AutoCloseable {
  /** Decimal places of NUMERIC columns, as in BigQuery. */
  static final int NUMERIC_SCALE = 9;
  private static final Map<Path, DuckDbDatabase> OPEN = new ConcurrentHashMap<>();

  private final Path path;
  private final DuckDBConnection connection;
  private final Set<Connection> writeConnections = ConcurrentHashMap.newKeySet();
  private final Map<String, ReadWriteLock> tableLocks = new ConcurrentHashMap<>();

  private DuckDbDatabase(Path path) throws SQLException {
    this.path = path;
    this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
    createTables();
  }

  /** The shared handle for this file, opening it and creating the tables on first use. */
  public static DuckDbDatabase open(String file) {
    Path path = Path.of(file).toAbsolutePath().normalize();
    return OPEN.computeIfAbsent(path, p -> {
      try {
        return new DuckDbDatabase(p);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot open DuckDB file " + p + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * The shared handle for the file a {@code --duckdbPath} names, opened before a run starts so that
   * a path DuckDB cannot use is refused in one line naming the option: see {@link DuckDbFile}.
   */
  public static DuckDbDatabase openForWriting(String file) {
    Path path = DuckDbFile.checkWritable(file);
    boolean existed = Files.exists(path);
    try {
      return open(path.toString());
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
      throw DuckDbFile.cannotOpen(path, existed, cause.getMessage());
    }
  }

  /** Closes the handle for this file if open, checkpointing it so other processes can read it. */
  public static void closeIfOpen(String file) {
    DuckDbDatabase db = OPEN.remove(Path.of(file).toAbsolutePath().normalize());
    if (db != null) {
      db.close();
    }
  }

  public Path path() {
    return path;
  }

  /** Runs work on the shared connection, one caller at a time. */
  public synchronized <T> T withConnection(SqlWork<T> work) throws SQLException {
    return work.run(connection);
  }

  /**
   * Runs work on a connection in one transaction: committed if it returns, rolled back if it throws;
   * either way the (shared) connection is back in auto-commit afterwards.
   */
  public static <T> T inTransaction(DuckDBConnection connection, SqlWork<T> work) throws SQLException {
    connection.setAutoCommit(false);
    boolean committed = false;
    try {
      T result = work.run(connection);
      connection.commit();
      committed = true;
      return result;
    } finally {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  /**
   * A connection of its own for a table writer, closed by the writer or, at the latest, with this
   * handle (a connection left open would keep the file locked).
   */
  synchronized DuckDBConnection openWriteConnection() throws SQLException {
    DuckDBConnection own = (DuckDBConnection) connection.duplicate();
    writeConnections.add(own);
    return own;
  }

  void closeWriteConnection(Connection own) {
    writeConnections.remove(own);
    closeQuietly(own);
  }

  /**
   * A table's lock: plain appends share it, writes that must see every committed row of the table
   * (keyed inserts, upserts, replacing a range) hold it alone.
   */
  ReadWriteLock tableLock(String table) {
    return tableLocks.computeIfAbsent(table, t -> new ReentrantReadWriteLock());
  }

  /** A fresh connection for reading while others write; the caller closes it. */
  public synchronized Connection readConnection() throws SQLException {
    return connection.duplicate();
  }

  @Override
  public synchronized void close() {
    writeConnections.forEach(DuckDbDatabase::closeQuietly);
    writeConnections.clear();
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException ignored) {
      // Closing still releases the file; the write-ahead log is replayed on next open.
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing more can be done with a connection that fails to close.
    }
  }

  private void createTables() throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (SalesTable table : SalesTable.values()) {
        s.execute(createTableSql(table));
        checkColumns(s, path, table);
      }
      s.execute("CREATE OR REPLACE VIEW " + SalesTable.CLEANED_UNIQUE_VIEW + " AS "
          + SalesTable.cleanedUniqueSql(SalesTable.CLEANED.tableName()));
      s.execute("CREATE OR REPLACE VIEW " + SalesTable.LINE_ITEMS_UNIQUE_VIEW + " AS "
          + SalesTable.lineItemsUniqueSql(SalesTable.LINE_ITEMS.tableName(), SalesTable.CLEANED_UNIQUE_VIEW));
    }
  }

  /** DuckDB DDL derived from the BigQuery schema file, so the two warehouses cannot drift. */
  static String createTableSql(SalesTable table) {
    return createTableSql(table, table.tableName());
  }

  /** The DDL of {@code table}'s columns and key under another name (a backfill's staging table). */
  public static String createTableSql(SalesTable table, String name) {
    String columns = table.fields().stream()
        .map(f -> f.getName() + " " + duckDbType(f) + ("REQUIRED".equals(f.getMode()) ? " NOT NULL" : ""))
        .collect(Collectors.joining(", "));
    return "CREATE TABLE IF NOT EXISTS " + name + " (" + columns + ", PRIMARY KEY (" + String.join(", ", table.rowKey()) + "))";
  }

  /**
   * A file made by another version has other columns (or lacks a table); say so instead of failing
   * on the first write or read. Also used by {@link ReadOnlyDuckDb}.
   */
  static void checkColumns(Statement s, Path path, SalesTable table) throws SQLException {
    java.util.List<String> actual = new java.util.ArrayList<>();
    try (java.sql.ResultSet columns = s.executeQuery("SELECT column_name FROM information_schema.columns"
        + " WHERE table_name = '" + table.tableName() + "' ORDER BY ordinal_position")) {
      while (columns.next()) {
        actual.add(columns.getString(1));
      }
    }
    java.util.List<String> expected = table.fields().stream().map(TableFieldSchema::getName).toList();
    if (!actual.equals(expected)) {
      throw new SQLException(path + " was made by another version of the pipelines: " + table.tableName()
          + (actual.isEmpty() ? " is missing" : " has columns " + actual + ", this version writes " + expected)
          + "; use a new --duckdbPath (or delete the file)");
    }
  }

  static String duckDbType(TableFieldSchema field) {
    return switch (field.getType()) {
      case "STRING", "JSON" -> "VARCHAR";
      case "BOOLEAN", "BOOL" -> "BOOLEAN";
      case "INTEGER", "INT64" -> "BIGINT";
      case "NUMERIC" -> "DECIMAL(38, " + NUMERIC_SCALE + ")";
      case "TIMESTAMP" -> "TIMESTAMPTZ";
      default -> throw new IllegalArgumentException(
          "no DuckDB type for BigQuery type " + field.getType() + " of " + field.getName());
    };
  }

  /** Work against a JDBC connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(DuckDBConnection connection) throws SQLException;
  }
}
