package com.salesanalytics.local;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A short look at what the demo put in DuckDB: table counts, top stores, dead letters by code. */
final class WarehouseReport {
  private WarehouseReport() {}

  static String of(String path) {
    StringBuilder out = new StringBuilder("DuckDB ").append(DuckDbDatabase.open(path).path()).append('\n');
    try (Connection c = DuckDbDatabase.open(path).readConnection(); Statement s = c.createStatement()) {
      out.append(table(s, "rows per table",
          "SELECT 'sales_raw' AS table_name, count(*) AS rows FROM sales_raw UNION ALL"
              + " SELECT 'sales_cleaned', count(*) FROM sales_cleaned UNION ALL"
              + " SELECT 'sales_cleaned_unique', count(*) FROM sales_cleaned_unique UNION ALL"
              + " SELECT 'sales_dead_letter', count(*) FROM sales_dead_letter"));
      out.append(table(s, "top stores by revenue",
          "SELECT store_id, count(*) AS sales, sum(total_items) AS items,"
              + " CAST(sum(total_amount) AS DECIMAL(18, 2)) AS revenue,"
              + " CAST(sum(total_amount) / sum(total_items) AS DECIMAL(18, 2)) AS avg_item_price"
              + " FROM sales_cleaned_unique GROUP BY store_id ORDER BY revenue DESC LIMIT 5"));
      out.append(table(s, "dead letters by code",
          "SELECT error_code, stage, count(*) AS n FROM sales_dead_letter GROUP BY ALL ORDER BY n DESC"));
    } catch (SQLException e) {
      out.append("(could not query DuckDB: ").append(e.getMessage()).append(")\n");
    }
    return out.toString();
  }

  private static String table(Statement s, String title, String sql) throws SQLException {
    StringBuilder out = new StringBuilder("  ").append(title).append(":\n");
    try (ResultSet rows = s.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      StringBuilder header = new StringBuilder("    ");
      for (int c = 1; c <= columns; c++) {
        header.append(String.format("%-22s", rows.getMetaData().getColumnLabel(c)));
      }
      out.append(header.toString().stripTrailing()).append('\n');
      while (rows.next()) {
        StringBuilder line = new StringBuilder("    ");
        for (int c = 1; c <= columns; c++) {
          line.append(String.format("%-22s", rows.getString(c)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
    }
    return out.toString();
  }
}
