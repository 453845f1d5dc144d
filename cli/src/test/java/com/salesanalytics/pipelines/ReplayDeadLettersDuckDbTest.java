package com.salesanalytics.pipelines;

import static com.salesanalytics.TestSales.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.Console;
import com.salesanalytics.io.RefusedRows;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.io.duckdb.TableWriter;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay-dead-letters} on DuckDB, as an operator runs it: dead letters recorded by the
 * streaming pipelines on 24 November, replayed after the cause was dealt with.
 */
class ReplayDeadLettersDuckDbTest {
  /** When the dead letters below failed: from 10:20 on the 24th. */
  private static final Instant FAILED = Instant.parse("2026-11-24T10:20:00Z");

  /** t-1, store-07, 2 x 3.49: sales_raw has it; sales_cleaned refused its row (the disk was full). */
  private static final RawMessage M1 = message("m-1", json("t-1", "store-07", "2", "3.49"), "2026-11-24T10:15:31Z");
  /** t-3: a negative price, which no fix makes valid. */
  private static final RawMessage M3 = message("m-3", json("t-3", "store-07", "1", "-1.00"), "2026-11-24T10:15:33Z");
  /** t-4, store-03, 1 x 12.00: sales_raw itself refused it, so the dead letter is its only copy. */
  private static final RawMessage M4 = message("m-4", json("t-4", "store-03", "1", "12.00"), "2026-11-24T10:15:34Z");
  /** t-5, store-07, 3 x 1.50: its sales_cleaned row was refused the day before. */
  private static final RawMessage M5 = message("m-5", json("t-5", "store-07", "3", "1.50"), "2026-11-24T10:15:35Z");
  /** t-6: sales_cleaned refused its row, and sales_raw has no copy: nothing to re-run. */
  private static final RawMessage M6 = message("m-6", json("t-6", "store-07", "1", "2.00"), "2026-11-24T10:15:36Z");
  /** Not JSON at all. */
  private static final RawMessage M7 = message("m-7", "{\"transaction_id\":", "2026-11-24T10:15:37Z");

  @TempDir
  Path folder;
  private String db;

  private static RawMessage message(String id, String payload, String publishTime) {
    return new RawMessage(payload.getBytes(StandardCharsets.UTF_8), id, Instant.parse(publishTime),
        Map.of("origin", "pos-gateway"));
  }

  private static DeadLetter cleanedRowRefused(RawMessage message, Instant failedAt) {
    return RefusedRows.cleaned(Map.of("transaction_id", "t-" + message.messageId().substring(2)),
        message.messageId(), message.publishTime(), "IO Error: No space left on device", failedAt);
  }

  @BeforeEach
  void recordTheDayOfFailures() throws Exception {
    db = folder.resolve("sales.duckdb").toString();
    DuckDbDatabase database = DuckDbDatabase.open(db);
    try (TableWriter<RawMessage> raw = new TableWriter<>(database, SalesTable.RAW, "sales_raw", SalesRows::rawValues);
        TableWriter<DeadLetter> deadLetters = new TableWriter<>(database, SalesTable.DEAD_LETTER, "sales_dead_letter",
            (letter, at) -> SalesTable.DEAD_LETTER.values(SalesRows.deadLetter(letter)))) {
      raw.write(List.of(M1, M3, M5, M7), FAILED);
      deadLetters.write(List.of(
          cleanedRowRefused(M1, FAILED.plus(60_000)),
          DeadLetter.of(M3, ErrorCode.INVALID_PRICE, "items[0].unit_price: must not be negative, got -1.00",
              Stage.VALIDATE, FAILED.plus(120_000)),
          RefusedRows.raw(M4, "IO Error: No space left on device", FAILED.plus(180_000)),
          cleanedRowRefused(M5, FAILED.minus(86_400_000)),
          cleanedRowRefused(M6, FAILED.plus(240_000)),
          DeadLetter.of(M7, ErrorCode.INVALID_JSON, "not JSON: unexpected end of input", Stage.PARSE,
              FAILED.plus(300_000))), FAILED);
    }
    DuckDbDatabase.closeIfOpen(db);
  }

  @AfterEach
  void close() {
    DuckDbDatabase.closeIfOpen(db);
  }

  private void replay(String errorCodes, String failedFrom, String failedTo) {
    Console.Outcome outcome = Console.capture(() -> com.salesanalytics.pipelines.Cli.run(
        ReplayDeadLettersPipeline::execute, new String[] {"--duckdbPath=" + db, "--errorCodes=" + errorCodes,
            "--failedFrom=" + failedFrom, "--failedTo=" + failedTo}));
    assertEquals(0, outcome.status(), outcome.toString());
  }

  /** The rows a query gives, each as its values joined by "|". */
  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DuckDbDatabase.open(db).readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData columns = r.getMetaData();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        rows.add(row.toString());
      }
    } finally {
      DuckDbDatabase.closeIfOpen(db);
    }
    return rows;
  }

  private List<String> cleanedSales() throws Exception {
    return rows("SELECT transaction_id, message_id, epoch_ms(publish_time), total_amount FROM sales_cleaned"
        + " ORDER BY transaction_id");
  }

  private List<String> replays() throws Exception {
    return rows("SELECT P.message_id, P.outcome, P.error_code, D.error_code FROM sales_dead_letter_replays P"
        + " JOIN sales_dead_letter D ON D.dead_letter_id = P.dead_letter_id ORDER BY P.message_id, P.outcome");
  }

  @Test
  void deadLettersWhoseCauseIsGoneMoveToSalesCleanedAsTheOriginalMessages() throws Exception {
    replay("WRITE_FAILED,INVALID_PRICE", "2026-11-24T10:20:00Z", "2026-11-24T11:00:00Z");

    assertEquals(List.of(
        "t-1|m-1|" + M1.publishTime().getMillis() + "|6.980000000",
        "t-4|m-4|" + M4.publishTime().getMillis() + "|12.000000000"), cleanedSales());
    assertEquals(List.of("t-1|p-100|2|3.490000000", "t-4|p-100|1|12.000000000"),
        rows("SELECT transaction_id, product_id, quantity, unit_price FROM sales_line_items ORDER BY transaction_id"));
  }

  @Test
  void theKpisOfTheWindowsTheReplayedSalesFallInAreComputed() throws Exception {
    replay("WRITE_FAILED,INVALID_PRICE", "2026-11-24T10:20:00Z", "2026-11-24T11:00:00Z");

    assertEquals(List.of(
            "store-03|2026-11-24T10:15:00Z|1|1|12.000000000|BACKFILL",
            "store-07|2026-11-24T10:15:00Z|1|2|6.980000000|BACKFILL"),
        rows("SELECT store_id, strftime(window_start AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ'), transactions, items,"
            + " revenue, timing FROM sales_store_kpis ORDER BY store_id"));
  }

  @Test
  void eachReplayedDeadLetterHasItsOutcomeRecordedAndThoseThatFailAgainStay() throws Exception {
    replay("WRITE_FAILED,INVALID_PRICE", "2026-11-24T10:20:00Z", "2026-11-24T11:00:00Z");

    assertEquals(List.of(
        "m-1|passed|null|WRITE_FAILED",
        "m-3|failed|INVALID_PRICE|INVALID_PRICE",
        "m-4|passed|null|WRITE_FAILED"), replays());
    assertEquals("6", rows("SELECT count(*) FROM sales_dead_letter").get(0), "every dead letter stays where it was");
  }

  @Test
  void aDeadLetterWithNoMessageToReRunIsLeftAsItIs() throws Exception {
    replay("WRITE_FAILED", "2026-11-24T10:24:00Z", "2026-11-24T10:25:00Z");

    assertEquals(List.of(), rows("SELECT * FROM sales_dead_letter_replays"), "m-6 has no copy to replay");
    assertEquals(List.of(), cleanedSales());
  }

  @Test
  void onlyTheGivenErrorCodesAreReplayed() throws Exception {
    replay("INVALID_PRICE,INVALID_JSON", "2026-11-24T10:20:00Z", "2026-11-24T11:00:00Z");

    assertEquals(List.of("m-3|failed|INVALID_PRICE|INVALID_PRICE", "m-7|failed|INVALID_JSON|INVALID_JSON"),
        replays());
    assertEquals(List.of(), cleanedSales());
  }

  @Test
  void onlyDeadLettersThatFailedInTheRangeAreReplayed() throws Exception {
    replay("WRITE_FAILED", "2026-11-23T10:00:00Z", "2026-11-24T10:21:30Z");

    assertEquals(List.of(
        "t-1|m-1|" + M1.publishTime().getMillis() + "|6.980000000",
        "t-5|m-5|" + M5.publishTime().getMillis() + "|4.500000000"), cleanedSales());
  }

  @Test
  void replayingTheSameSelectionAgainChangesNothing() throws Exception {
    replay("WRITE_FAILED,INVALID_PRICE,INVALID_JSON", "2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z");
    List<List<String>> first = everyTable();

    replay("WRITE_FAILED,INVALID_PRICE,INVALID_JSON", "2026-11-23T00:00:00Z", "2026-11-25T00:00:00Z");

    assertEquals(first, everyTable());
    assertEquals(3, first.get(SalesTable.CLEANED.ordinal()).size(), "t-1, t-4 and t-5 replayed: " + first);
  }

  private List<List<String>> everyTable() throws Exception {
    List<List<String>> tables = new ArrayList<>();
    for (SalesTable table : SalesTable.values()) {
      tables.add(rows("SELECT * FROM " + table.tableName() + " ORDER BY ALL"));
    }
    return tables;
  }
}
