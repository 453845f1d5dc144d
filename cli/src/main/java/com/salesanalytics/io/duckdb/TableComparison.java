package com.salesanalytics.io.duckdb;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.salesanalytics.io.SalesTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the rows of two DuckDB files table by table, as multisets (a row stored twice differs
 * from a row stored once), leaving out the columns that only say when a row was written: a re-run
 * writes the same rows at another time.
 */
public final class TableComparison {
  /**
   * Stamped with the clock of the write ({@code ingested_at}, {@code processed_at}, {@code failed_at},
   * {@code updated_at}): they differ between any two runs, whatever they wrote.
   */
  public static final Set<String> WRITE_TIME_COLUMNS = Set.of("ingested_at", "processed_at", "failed_at", "updated_at");

  /** The tables a backfill writes. */
  public static final List<SalesTable> BACKFILL_TABLES =
      List.of(SalesTable.CLEANED, SalesTable.DEAD_LETTER, SalesTable.LINE_ITEMS, SalesTable.STORE_KPIS);

  /**
   * One table of both files: its row counts, and the rows only one of them holds (a row held twice
   * in one and once in the other counts once).
   */
  public record Difference(String table, long expectedRows, long actualRows, long onlyExpected, long onlyActual) {
    public boolean identical() {
      return onlyExpected == 0 && onlyActual == 0;
    }

    public String line() {
      return String.format(java.util.Locale.ROOT, "%s: %,d rows vs %,d, %,d only in the expected, %,d only in the actual",
          table, expectedRows, actualRows, onlyExpected, onlyActual);
    }
  }

  private TableComparison() {}

  /** Each table of {@code tables} in {@code expected} against the same table in {@code actual}; neither is changed. */
  public static List<Difference> compare(Path expected, Path actual, List<SalesTable> tables) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("ATTACH '" + expected.toAbsolutePath() + "' AS expected (READ_ONLY)");
      s.execute("ATTACH '" + actual.toAbsolutePath() + "' AS actual (READ_ONLY)");
      List<Difference> differences = new ArrayList<>();
      for (SalesTable table : tables) {
        String columns = table.fields().stream()
            .map(TableFieldSchema::getName)
            .filter(name -> !WRITE_TIME_COLUMNS.contains(name))
            .collect(Collectors.joining(", "));
        String fromExpected = "SELECT " + columns + " FROM expected." + table.tableName();
        String fromActual = "SELECT " + columns + " FROM actual." + table.tableName();
        differences.add(new Difference(table.tableName(),
            count(s, fromExpected), count(s, fromActual),
            count(s, fromExpected + " EXCEPT ALL " + fromActual),
            count(s, fromActual + " EXCEPT ALL " + fromExpected)));
      }
      return differences;
    }
  }

  /** The names of the tables in the file, opened read-only. */
  public static List<String> tableNames(Path file) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("ATTACH '" + file.toAbsolutePath() + "' AS f (READ_ONLY)");
      try (ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables"
          + " WHERE table_catalog = 'f' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  private static long count(Statement s, String select) throws SQLException {
    try (ResultSet rows = s.executeQuery("SELECT count(*) FROM (" + select + ")")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
