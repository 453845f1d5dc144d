package com.salesanalytics.io.duckdb;

import static com.salesanalytics.TestSales.T0;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.salesanalytics.TestSales;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import com.salesanalytics.model.coders.DeadLetterCoder;
import com.salesanalytics.model.coders.RawMessageCoder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The embedded warehouse against a real DuckDB file. */
public class DuckDbWarehouseTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  private static final String CLEANED_COLUMNS = "SELECT transaction_id, store_id, customer_id,"
      + " CAST(event_timestamp AS VARCHAR), total_items, total_amount, avg_price_per_item FROM sales_cleaned ORDER BY 1";

  private String path;

  private DuckDbWarehouse warehouse() throws Exception {
    path = folder.getRoot() + "/w.duckdb";
    return new DuckDbWarehouse(path);
  }

  @After
  public void close() {
    if (path != null) {
      DuckDbDatabase.closeIfOpen(path);
    }
  }

  private String query(String sql) throws SQLException {
    try (Connection c = DuckDbDatabase.open(path).readConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      while (rows.next()) {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          out.append(i > 1 ? "|" : "").append(rows.getString(i));
        }
        out.append('\n');
      }
      return out.toString().trim();
    }
  }

  @Test
  public void tablesAreCreatedFromTheBigQuerySchemaFiles() throws Exception {
    DuckDbWarehouse w = warehouse();
    DuckDbDatabase.open(w.path());
    for (SalesTable table : SalesTable.values()) {
      String columns = query("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns"
          + " WHERE table_name = '" + table.tableName() + "'");
      assertEquals(String.join(",", table.fields().stream().map(f -> f.getName()).toList()), columns);
    }
    assertEquals("DECIMAL(38,9)", query("SELECT data_type FROM information_schema.columns WHERE table_name = "
        + "'sales_cleaned' AND column_name = 'total_amount'"));
  }

  @Test
  public void rawMessagesAreStoredExactlyAndReadBackByPublishTimeRange() throws Exception {
    DuckDbWarehouse w = warehouse();
    byte[] binary = {(byte) 0xFF, 0, 'x'};
    RawMessage inRange = new RawMessage(binary, "m-1", T0.plus(Duration.standardMinutes(5)), Map.of("k", "v"));
    RawMessage before = TestSales.message("m-0", TestSales.json("t-0", "store-02", "1", "1"), T0.minus(Duration.millis(1)));
    RawMessage atEnd = TestSales.message("m-2", TestSales.json("t-2", "store-02", "1", "1"), T0.plus(Duration.standardHours(1)));
    PCollection<DeadLetter> refused = pipeline
        .apply(Create.of(inRange, before, atEnd).withCoder(RawMessageCoder.of()))
        .apply(w.writeRaw());
    PAssert.that(refused).empty();
    pipeline.run().waitUntilFinish();

    assertEquals("3", query("SELECT count(*) FROM sales_raw"));
    assertEquals("/wB4|true|{\"k\":\"v\"}", query("SELECT payload, payload_base64, attributes FROM sales_raw WHERE message_id = 'm-1'"));
    assertEquals("store-02", query("SELECT store_id FROM sales_raw WHERE message_id = 'm-0'"));

    TestPipeline replay = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawMessage> read = replay.apply(w.readRaw(new TimeRange(T0, T0.plus(Duration.standardHours(1)))));
    PAssert.that(read).satisfies(messages -> {
      java.util.List<RawMessage> list = new java.util.ArrayList<>();
      messages.forEach(list::add);
      assertEquals(1, list.size());
      assertArrayEquals(binary, list.get(0).payload());
      assertEquals(inRange, list.get(0));
      return null;
    });
    replay.run().waitUntilFinish();
  }

  /** A range read in parts gives each of its rows once, whatever other rows lie between them. */
  @Test
  public void rawRowsOfARangeAreReadInPartsEachOnce() throws Exception {
    warehouse();
    DuckDbDatabase db = DuckDbDatabase.open(path);
    java.util.List<RawMessage> messages = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      // every third row outside the range, so the range's rows are spread over the table
      Duration offset = i % 3 == 0 ? Duration.standardHours(2) : Duration.standardSeconds(i);
      messages.add(TestSales.message("m-" + i, "{}", T0.plus(offset)));
    }
    try (TableWriter<RawMessage> writer = new TableWriter<>(db, SalesTable.RAW, "sales_raw",
        com.salesanalytics.io.SalesRows::rawValues)) {
      writer.write(messages, T0);
    }
    TimeRange range = new TimeRange(T0, T0.plus(Duration.standardHours(1)));
    java.util.List<org.apache.beam.sdk.values.KV<Long, Long>> pieces;
    try (Connection c = db.readConnection()) {
      pieces = ReadRawFn.pieces(c, range, 70);
    }
    assertTrue(pieces.size() > 5);
    java.util.List<String> read = new java.util.ArrayList<>();
    for (org.apache.beam.sdk.values.KV<Long, Long> piece : pieces) {
      read.addAll(java.util.Arrays.asList(query("SELECT message_id FROM sales_raw WHERE publish_time >= TIMESTAMPTZ '"
          + com.salesanalytics.io.BackfillReplace.utc(range.from()) + "' AND publish_time < TIMESTAMPTZ '"
          + com.salesanalytics.io.BackfillReplace.utc(range.to()) + "' AND rowid >= " + piece.getKey()
          + " AND rowid < " + piece.getValue()).split("\n")));
    }
    read.removeIf(String::isEmpty);
    java.util.List<String> expected = new java.util.ArrayList<>();
    messages.stream().filter(m -> m.publishTime().isBefore(range.to())).forEach(m -> expected.add(m.messageId()));
    java.util.Collections.sort(read);
    java.util.Collections.sort(expected);
    assertEquals(expected, read);
  }

  /** Runs one pipeline that writes the values, as a (re)tried bundle would. */
  private static void writeOnce(DuckDbWarehouse w, RawMessage raw, CleanedSale sale, DeadLetter letter) {
    TestPipeline run = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    run.apply("Raw", Create.of(raw).withCoder(RawMessageCoder.of())).apply("WriteRaw", w.writeRaw());
    run.apply("Cleaned", Create.of(sale).withCoder(CleanedSaleCoder.of())).apply("WriteCleaned", w.writeCleaned());
    run.apply("Dead", Create.of(letter).withCoder(DeadLetterCoder.of())).apply("WriteDead", w.writeDeadLetters());
    run.run().waitUntilFinish();
  }

  @Test
  public void aRetriedBundleAddsNoRowTwiceToAnyTable() throws Exception {
    DuckDbWarehouse w = warehouse();
    RawMessage raw = TestSales.message("m-1", TestSales.json("t-1", "store-07", "1", "1.00"), T0);
    CleanedSale sale = TestSales.cleaned("t-1", "1.00", "m-1", T0);
    DeadLetter letter = DeadLetter.of(TestSales.message("m-2", "nope", T0), ErrorCode.INVALID_JSON,
        "payload is not valid JSON", Stage.PARSE, T0.plus(1));

    writeOnce(w, raw, sale, letter);
    String first = query("SELECT message_id, CAST(processed_at AS VARCHAR) FROM sales_cleaned");
    writeOnce(w, raw, sale, letter); // Beam retries a bundle whose rows were already committed

    assertEquals("1", query("SELECT count(*) FROM sales_raw"));
    assertEquals("1", query("SELECT count(*) FROM sales_dead_letter"));
    assertEquals(first, query("SELECT message_id, CAST(processed_at AS VARCHAR) FROM sales_cleaned"));
  }

  @Test
  public void aLateRedeliveryIsASecondRowAndTheUniqueViewShowsTheFirstDelivery() throws Exception {
    DuckDbWarehouse w = warehouse();
    pipeline.apply(Create.of(TestSales.cleaned("t-1", "1.00", "m-late", T0.plus(Duration.standardHours(1))),
            TestSales.cleaned("t-1", "1.00", "m-first", T0), TestSales.cleaned("t-2", "2.00"))
            .withCoder(CleanedSaleCoder.of()))
        .apply(w.writeCleaned());
    pipeline.run().waitUntilFinish();

    assertEquals("3", query("SELECT count(*) FROM sales_cleaned"));
    assertEquals("t-1|m-first\nt-2|m-t-2",
        query("SELECT transaction_id, message_id FROM " + SalesTable.CLEANED_UNIQUE_VIEW + " ORDER BY 1"));
  }

  @Test
  public void aBatchThatThrowsLeavesTheConnectionUsableAndLosesNoRow() throws Exception {
    warehouse();
    DuckDbDatabase db = DuckDbDatabase.open(path);
    RawMessage good = TestSales.message("m-1", "{}", T0);
    RawMessage odd = TestSales.message("m-2", "{}", T0);
    TableWriter.ToColumns<RawMessage> columns = (message, at) -> {
      Object[] values = com.salesanalytics.io.SalesRows.rawValues(message, at);
      if (message == odd) {
        values[5] = java.util.UUID.randomUUID(); // store_id: a value the appender has no encoding for, it throws
      }
      return values;
    };
    try (TableWriter<RawMessage> writer = new TableWriter<>(db, SalesTable.RAW, "sales_raw", columns)) {
      java.util.List<TableWriter.Refused> refused = writer.write(java.util.List.of(good, odd), T0);
      assertEquals(java.util.List.of(), refused); // row by row, JDBC stores the value as text
      assertEquals(java.util.List.of(), writer.write(java.util.List.of(TestSales.message("m-3", "{}", T0)), T0));
    }
    assertTrue(db.withConnection(Connection::getAutoCommit));
    assertEquals("m-1\nm-2\nm-3", query("SELECT message_id FROM sales_raw ORDER BY 1"));
  }

  @Test
  public void aRowTheTableRefusesBecomesAWriteDeadLetterAndTheRestAreWritten() throws Exception {
    DuckDbWarehouse w = warehouse();
    // A constraint the warehouse enforces that validation does not know about.
    String withCheck = DuckDbDatabase.createTableSql(SalesTable.CLEANED)
        .replaceFirst("\\)$", ", CHECK (store_id <> 'store-blocked'))");
    DuckDbDatabase.open(w.path()).withConnection(c -> {
      c.createStatement().execute("DROP TABLE sales_cleaned");
      return c.createStatement().execute(withCheck);
    });
    CleanedSale blocked = new CleanedSale("t-9", "store-blocked", "c-1", T0, "cash", "USD", 1, 1,
        new BigDecimal("2.50"), new BigDecimal("2.50"), "m-9", T0,
        java.util.List.of(new com.salesanalytics.model.LineItem("p-1", 1, new BigDecimal("2.50"))));
    PCollection<DeadLetter> refused = pipeline
        .apply(Create.of(blocked, TestSales.cleaned("t-1", "1.00")).withCoder(CleanedSaleCoder.of()))
        .apply(w.writeCleaned());
    PAssert.that(refused).satisfies(letters -> {
      DeadLetter letter = letters.iterator().next();
      assertEquals(ErrorCode.WRITE_FAILED, letter.errorCode());
      assertEquals(Stage.WRITE, letter.stage());
      String payload = new String(letter.payload(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(payload, payload.contains("\"transaction_id\":\"t-9\"") && payload.contains("\"total_amount\":2.50"));
      assertTrue(letter.errorMessage(), letter.errorMessage().contains("sales_cleaned refused the row"));
      assertEquals("m-9", letter.messageId());
      assertEquals(T0, letter.publishTime());
      return null;
    });
    pipeline.run().waitUntilFinish();
    assertEquals("t-1", query("SELECT transaction_id FROM sales_cleaned"));
  }

  @Test
  public void deadLettersAreAppendedWithCodeStageAndOriginalPayload() throws Exception {
    DuckDbWarehouse w = warehouse();
    RawMessage original = new RawMessage("{\"transaction_id\":".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "m-7", T0, Map.of("store", "store-07"));
    DeadLetter letter = DeadLetter.of(original, ErrorCode.INVALID_JSON,
        "payload is not valid JSON: Unexpected end-of-input", Stage.PARSE, T0.plus(Duration.standardSeconds(1)));
    pipeline.apply(Create.of(letter).withCoder(DeadLetterCoder.of())).apply(w.writeDeadLetters());
    pipeline.run().waitUntilFinish();
    assertEquals("{\"transaction_id\":|false|INVALID_JSON|parse|m-7|2026-11-24 10:00:01+00|2026-11-24 10:00:00+00"
            + "|{\"store\":\"store-07\"}|" + letter.id(),
        query("SELECT payload, payload_base64, error_code, stage, message_id, CAST(failed_at AS VARCHAR),"
            + " CAST(publish_time AS VARCHAR), attributes, dead_letter_id FROM sales_dead_letter"));
  }
}
