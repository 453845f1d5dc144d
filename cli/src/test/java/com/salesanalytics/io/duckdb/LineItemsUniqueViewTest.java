package com.salesanalytics.io.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared SQL of sales_line_items_unique (Terraform creates the same file on BigQuery, where
 * BigQuerySqlTest analyses it) runs on DuckDB against the embedded warehouse's own tables, and
 * keeps the lines of the delivery sales_cleaned_unique keeps, once each.
 */
class LineItemsUniqueViewTest {
  @TempDir
  Path dir;
  private String file;

  @AfterEach
  void close() {
    DuckDbDatabase.closeIfOpen(file);
  }

  private static String viewSql() throws IOException {
    try (InputStream in = LineItemsUniqueViewTest.class.getResourceAsStream("/bigquery/sales_line_items_unique.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${sales_line_items}", "sales_line_items")
          .replace("${sales_cleaned_unique}", "sales_cleaned_unique");
    }
  }

  private static String cleaned(String tx, String message, String published) {
    return "('" + tx + "', 'store-01', 'c-1', TIMESTAMPTZ '2026-11-24 10:00:00+00', 'card', 'EUR', 2, 3, 7.50, 2.50,"
        + " TIMESTAMPTZ '" + published + "', '" + message + "', TIMESTAMPTZ '" + published + "')";
  }

  private static String line(String tx, int number, String product, String message, String processed) {
    return "('" + tx + "', " + number + ", 'store-01', TIMESTAMPTZ '2026-11-24 10:00:00+00', 'EUR', '" + product
        + "', 1, 2.50, 2.50, '" + message + "', TIMESTAMPTZ '2026-11-24 10:00:01+00', TIMESTAMPTZ '" + processed + "')";
  }

  @Test
  void theViewKeepsTheLinesOfTheFirstDeliveryOncePerTransactionAndLine() throws Exception {
    file = dir.resolve("w.duckdb").toString();
    String view = viewSql();
    List<String> rows = DuckDbDatabase.open(file).withConnection(connection -> {
      try (Statement s = connection.createStatement()) {
        // tx-1 delivered twice (m-1 first, m-2 a late redelivery); tx-2 once, its line 1 written twice
        // (a retried at-least-once write, the key not enforced on BigQuery).
        s.execute("INSERT INTO sales_cleaned VALUES " + cleaned("tx-1", "m-1", "2026-11-24 10:00:01+00") + ", "
            + cleaned("tx-1", "m-2", "2026-11-24 11:30:00+00") + ", " + cleaned("tx-2", "m-3", "2026-11-24 10:05:00+00"));
        s.execute("CREATE TEMP TABLE line_copies AS SELECT * FROM sales_line_items WHERE FALSE");
        s.execute("INSERT INTO line_copies VALUES "
            + line("tx-1", 1, "apple", "m-1", "2026-11-24 10:00:02+00") + ", " + line("tx-1", 2, "pear", "m-1", "2026-11-24 10:00:02+00") + ", "
            + line("tx-1", 1, "apple", "m-2", "2026-11-24 11:30:01+00") + ", " + line("tx-1", 2, "pear", "m-2", "2026-11-24 11:30:01+00") + ", "
            + line("tx-2", 1, "plum", "m-3", "2026-11-24 10:05:01+00") + ", " + line("tx-2", 1, "plum", "m-3", "2026-11-24 10:05:02+00"));
        // sales_line_items keys (message_id, line_number) like BigQuery's exactly-once writes; the
        // duplicate is read from a copy without the key, as an at-least-once table would hold it.
        s.execute("INSERT INTO sales_line_items SELECT * FROM line_copies QUALIFY ROW_NUMBER() OVER"
            + " (PARTITION BY message_id, line_number ORDER BY processed_at) = 1");
        s.execute("CREATE OR REPLACE VIEW sales_line_items_unique AS " + view);
        s.execute("CREATE OR REPLACE TEMP VIEW copies_unique AS " + view.replace("FROM sales_line_items AS l", "FROM line_copies AS l"));
        List<String> out = new ArrayList<>();
        for (String name : List.of("sales_line_items_unique", "copies_unique")) {
          try (ResultSet r = s.executeQuery("SELECT transaction_id, line_number, product_id, message_id FROM " + name
              + " ORDER BY transaction_id, line_number")) {
            while (r.next()) {
              out.add(name + " " + r.getString(1) + "/" + r.getInt(2) + " " + r.getString(3) + " " + r.getString(4));
            }
          }
        }
        return out;
      }
    });
    assertEquals(List.of(
        "sales_line_items_unique tx-1/1 apple m-1", "sales_line_items_unique tx-1/2 pear m-1", "sales_line_items_unique tx-2/1 plum m-3",
        "copies_unique tx-1/1 apple m-1", "copies_unique tx-1/2 pear m-1", "copies_unique tx-2/1 plum m-3"), rows);
  }
}
