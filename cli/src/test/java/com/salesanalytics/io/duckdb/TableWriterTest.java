package com.salesanalytics.io.duckdb;

import static com.salesanalytics.TestSales.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.TestSales;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's append-table semantics (a key already there or twice in a batch is one row, never
 * a refusal), whichever of its ways a batch takes, and that values arrive exactly.
 */
class TableWriterTest {
  @TempDir Path dir;
  private String path;
  private DuckDbDatabase db;

  @BeforeEach
  void open() {
    path = dir.resolve("w.duckdb").toString();
    db = DuckDbDatabase.open(path);
  }

  @AfterEach
  void close() {
    DuckDbDatabase.closeIfOpen(path);
  }

  private String query(String sql) throws SQLException {
    try (Connection c = db.readConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          out.append(i > 1 ? "|" : out.length() > 0 ? "\n" : "").append(rows.getString(i));
        }
      }
      return out.toString();
    }
  }

  private static List<CleanedSale> sales(String... ids) {
    List<CleanedSale> sales = new ArrayList<>();
    for (String id : ids) {
      sales.add(TestSales.cleaned(id, "1.25"));
    }
    return sales;
  }

  @Test
  void valuesArriveExactly() throws Exception {
    CleanedSale sale = new CleanedSale("t-1", "store-07", null, Instant.parse("2026-11-24T10:15:30.123Z"), null, "USD",
        2, 3, new BigDecimal("12.345678901"), new BigDecimal("4.12"), "m-1", Instant.parse("2026-11-24T10:15:31.999Z"),
        List.of(new LineItem("p-1", 3, new BigDecimal("4.115226300"))));
    try (TableWriter<CleanedSale> writer = DuckDbWarehouse.salesCleanedWriter(db)) {
      assertEquals(List.of(), writer.write(List.of(sale), Instant.parse("2026-11-24T10:16:00.007Z")));
    }
    assertEquals("t-1|store-07|null|2026-11-24 10:15:30.123+00|null|USD|2|3|12.345678901|4.120000000"
            + "|2026-11-24 10:16:00.007+00|m-1|2026-11-24 10:15:31.999+00",
        query("SELECT * REPLACE (CAST(event_timestamp AS VARCHAR) AS event_timestamp,"
            + " CAST(processed_at AS VARCHAR) AS processed_at, CAST(publish_time AS VARCHAR) AS publish_time)"
            + " FROM sales_cleaned"));
  }

  @Test
  void aKeyAlreadyStoredIsSkippedAndTheRestOfTheBatchWritten() throws Exception {
    try (TableWriter<CleanedSale> writer = DuckDbWarehouse.salesCleanedWriter(db)) {
      writer.write(sales("t-1", "t-2"), T0);
      assertEquals(List.of(), writer.write(sales("t-2", "t-3"), T0.plus(1000)));
    }
    assertEquals("m-t-1|2026-11-24 10:00:00+00\nm-t-2|2026-11-24 10:00:00+00\nm-t-3|2026-11-24 10:00:01+00",
        query("SELECT message_id, CAST(processed_at AS VARCHAR) FROM sales_cleaned ORDER BY 1"));
  }

  @Test
  void aKeyTwiceInOneBatchIsOneRow() throws Exception {
    try (TableWriter<CleanedSale> writer = DuckDbWarehouse.salesCleanedWriter(db)) {
      assertEquals(List.of(), writer.write(sales("t-1", "t-2", "t-1"), T0));
    }
    assertEquals("m-t-1\nm-t-2", query("SELECT message_id FROM sales_cleaned ORDER BY 1"));
  }

  /** Writers append side by side; when their batches share keys, each key is still one row and none refused. */
  @Test
  void writersOfOneTableSideBySideNeitherRefuseNorDuplicateSharedKeys() throws Exception {
    int rows = 3 * TableWriter.BATCH_ROWS;
    List<CleanedSale> all = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      all.add(TestSales.cleaned("t-" + i, "2.00"));
    }
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<TableWriter.Refused>>> results = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        // Each writer writes everything, in its own order: every batch meets keys the others write.
        List<CleanedSale> mine = new ArrayList<>(all.subList(w * TableWriter.BATCH_ROWS, rows));
        mine.addAll(all.subList(0, w * TableWriter.BATCH_ROWS));
        Callable<List<TableWriter.Refused>> write = () -> {
          List<TableWriter.Refused> refused = new ArrayList<>();
          try (TableWriter<CleanedSale> writer = DuckDbWarehouse.salesCleanedWriter(db)) {
            for (int from = 0; from < mine.size(); from += TableWriter.BATCH_ROWS) {
              refused.addAll(writer.write(mine.subList(from, from + TableWriter.BATCH_ROWS), T0));
            }
          }
          return refused;
        };
        results.add(threads.submit(write));
      }
      for (Future<List<TableWriter.Refused>> result : results) {
        assertEquals(List.of(), result.get());
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(rows + "|" + rows, query("SELECT count(*), count(DISTINCT message_id) FROM sales_cleaned"));
  }

  @Test
  void lineRowsArriveAsTheMapFormSaysThem() throws Exception {
    CleanedSale sale = TestSales.cleaned("t-1", "3.10");
    var line = com.salesanalytics.model.SaleLine.of(sale).get(0);
    try (TableWriter<com.salesanalytics.model.SaleLine> writer =
        new TableWriter<>(db, SalesTable.LINE_ITEMS, "sales_line_items", SalesRows::lineValues)) {
      assertEquals(List.of(), writer.write(List.of(line), T0));
    }
    assertEquals(SalesRows.line(line, T0).keySet().stream().toList(), SalesTable.LINE_ITEMS.fields().stream()
        .map(com.google.api.services.bigquery.model.TableFieldSchema::getName).toList());
    assertEquals("t-1|1|p-100|1|3.100000000|3.100000000|m-t-1",
        query("SELECT transaction_id, line_number, product_id, quantity, unit_price, line_amount, message_id"
            + " FROM sales_line_items"));
  }
}
