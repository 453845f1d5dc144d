package com.salesanalytics.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.model.TimeRange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.joda.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a backfill does to {@code sales_cleaned}, run for real on DuckDB with the statements both
 * warehouses use: the range's rows replaced by the result, duplicates and stale rows included,
 * unchanged rows untouched, and a second run a no-op.
 */
class BackfillReplaceTest {
  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));
  private static final String STAGING = "sales_cleaned_backfill";
  private static final String STREAMED = "2026-11-24 12:00:00+00";
  private static final String BACKFILLED = "2026-11-25 03:00:00+00";

  private Connection db;

  @BeforeEach
  void tables() throws Exception {
    db = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = db.createStatement()) {
      s.execute(DuckDbDatabase.createTableSql(SalesTable.CLEANED, SalesTable.CLEANED.tableName()));
      s.execute(DuckDbDatabase.createTableSql(SalesTable.CLEANED, STAGING));
    }
  }

  /** A row: id, amount, the delivery's message id, its publish time, when it was written. */
  private static String row(String id, String amount, String messageId, String publishTime, String processedAt) {
    return row(id, "2026-11-24 10:00:00+00", amount, messageId, publishTime, processedAt);
  }

  private static String row(String id, String eventTime, String amount, String messageId, String publishTime,
      String processedAt) {
    return "('" + id + "', 'store-07', NULL, TIMESTAMPTZ '" + eventTime + "', 'card', 'USD', 1, 1, " + amount
        + ", " + amount + ", TIMESTAMPTZ '" + processedAt + "', '" + messageId + "', TIMESTAMPTZ '" + publishTime + "')";
  }

  private void insert(String table, String... rows) throws Exception {
    try (Statement s = db.createStatement()) {
      s.execute("INSERT INTO " + table + " VALUES " + String.join(", ", rows));
    }
  }

  private void replace() throws Exception {
    replace(DAY);
  }

  /** Runs the backfill's statements for this publish range (null: files), then empties the staging table. */
  private void replace(TimeRange publishRange) throws Exception {
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      for (String statement : BackfillReplace.duckDbStatements("sales_cleaned", STAGING,
          SalesTable.CLEANED.fields(), publishRange)) {
        s.execute(statement);
      }
    }
    db.commit();
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute("DELETE FROM " + STAGING);
    }
  }

  private String contents() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT transaction_id, total_amount,"
        + " message_id, CAST(processed_at AS VARCHAR) FROM sales_cleaned ORDER BY 1, 3")) {
      while (r.next()) {
        out.append(r.getString(1)).append(' ').append(r.getBigDecimal(2).stripTrailingZeros().toPlainString())
            .append(' ').append(r.getString(3)).append(' ').append(r.getString(4)).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void theRangesRowsBecomeExactlyTheResultAndNothingElseIsTouched() throws Exception {
    insert("sales_cleaned",
        row("t-dup", "1.00", "m-1", "2026-11-24 09:00:00+00", STREAMED),
        row("t-dup", "1.00", "m-9", "2026-11-24 11:30:00+00", STREAMED),  // redelivered after the dedupe window
        row("t-stale", "2.00", "m-2", "2026-11-24 09:00:00+00", STREAMED), // written by a release with a bug
        row("t-same", "3.00", "m-3", "2026-11-24 09:00:00+00", STREAMED),
        row("t-gone", "4.00", "m-4", "2026-11-24 09:00:00+00", STREAMED),  // its message no longer validates
        row("t-other-day", "5.00", "m-5", "2026-11-23 09:00:00+00", STREAMED));
    insert(STAGING,
        row("t-dup", "1.00", "m-1", "2026-11-24 09:00:00+00", BACKFILLED),
        row("t-stale", "2.50", "m-2", "2026-11-24 09:00:00+00", BACKFILLED),
        row("t-same", "3.00", "m-3", "2026-11-24 09:00:00+00", BACKFILLED),
        row("t-missed", "6.00", "m-6", "2026-11-24 09:00:00+00", BACKFILLED));

    replace();

    assertEquals("""
        t-dup 1 m-1 2026-11-25 03:00:00+00
        t-missed 6 m-6 2026-11-25 03:00:00+00
        t-other-day 5 m-5 2026-11-24 12:00:00+00
        t-same 3 m-3 2026-11-24 12:00:00+00
        t-stale 2.5 m-2 2026-11-25 03:00:00+00
        """, contents());
  }

  @Test
  void replayingFilesTouchesOnlyTheSalesInThem() throws Exception {
    // An earlier file's sales lie between this file's earliest and latest sale.
    insert("sales_cleaned",
        row("t-a1", "2026-11-24 10:00:00+00", "1.00", "A.jsonl:1", "2026-11-24 12:00:00+00", STREAMED),
        row("t-a2", "2026-11-24 12:00:00+00", "2.00", "A.jsonl:2", "2026-11-24 12:00:00+00", STREAMED));
    insert(STAGING,
        row("t-b1", "2026-11-24 09:00:00+00", "3.00", "B.jsonl:1", "2026-11-24 14:00:00+00", BACKFILLED),
        row("t-b2", "2026-11-24 13:00:00+00", "4.00", "B.jsonl:2", "2026-11-24 14:00:00+00", BACKFILLED));

    replace(null);

    assertEquals("""
        t-a1 1 A.jsonl:1 2026-11-24 12:00:00+00
        t-a2 2 A.jsonl:2 2026-11-24 12:00:00+00
        t-b1 3 B.jsonl:1 2026-11-25 03:00:00+00
        t-b2 4 B.jsonl:2 2026-11-25 03:00:00+00
        """, contents());
  }

  @Test
  void aSaleRedeliveredAcrossMidnightKeepsItsFirstDeliveryWhicheverDayIsBackfilledLast() throws Exception {
    TimeRange nextDay = new TimeRange(DAY.to(), DAY.to().plus(org.joda.time.Duration.standardDays(1)));
    // Streaming kept the delivery of 23:59:58 and, after a restart, also wrote the one of 00:00:30.
    insert("sales_cleaned", row("t-x", "1.00", "m-1", "2026-11-24 23:59:58+00", STREAMED),
        row("t-x", "1.00", "m-2", "2026-11-25 00:00:30+00", STREAMED));
    insert(STAGING, row("t-x", "1.00", "m-2", "2026-11-25 00:00:30+00", BACKFILLED)); // all the next day sees
    replace(nextDay);
    String afterNextDay = contents();
    insert(STAGING, row("t-x", "1.00", "m-1", "2026-11-24 23:59:58+00", BACKFILLED)); // the first day's view
    replace(DAY);

    assertEquals("t-x 1 m-1 2026-11-24 12:00:00+00\n", afterNextDay);
    assertEquals(afterNextDay, contents());
  }

  @Test
  void runningTheSameBackfillAgainChangesNothingNotEvenProcessedAt() throws Exception {
    insert("sales_cleaned", row("t-dup", "1.00", "m-1", "2026-11-24 09:00:00+00", STREAMED),
        row("t-dup", "1.00", "m-9", "2026-11-24 11:30:00+00", STREAMED));
    insert(STAGING, row("t-dup", "1.00", "m-1", "2026-11-24 09:00:00+00", BACKFILLED),
        row("t-new", "6.00", "m-6", "2026-11-24 09:00:00+00", BACKFILLED));
    replace();
    String afterFirst = contents();

    String later = "2026-11-26 03:00:00+00"; // the second run stages the same result, written later
    insert(STAGING, row("t-dup", "1.00", "m-1", "2026-11-24 09:00:00+00", later),
        row("t-new", "6.00", "m-6", "2026-11-24 09:00:00+00", later));
    replace();

    assertEquals(afterFirst, contents());
  }

  @Test
  void aBackfillRecordsOnlyTheDeadLettersNotRecordedYet() throws Exception {
    String staging = "sales_dead_letter_backfill";
    try (Statement s = db.createStatement()) {
      s.execute(DuckDbDatabase.createTableSql(SalesTable.DEAD_LETTER, SalesTable.DEAD_LETTER.tableName()));
      s.execute(DuckDbDatabase.createTableSql(SalesTable.DEAD_LETTER, staging));
      // Streaming recorded m-1's failure when it arrived; the backfill meets it again and finds m-2's.
      s.execute("INSERT INTO sales_dead_letter VALUES " + deadLetter("m-1", "2026-11-24 09:00:01+00"));
      s.execute("INSERT INTO " + staging + " VALUES " + deadLetter("m-1", "2026-11-25 03:00:00+00") + ", "
          + deadLetter("m-2", "2026-11-25 03:00:00+00"));
      String add = BackfillReplace.newDeadLettersSql("sales_dead_letter", staging,
          SalesTable.DEAD_LETTER.fields(), DAY, false);
      s.execute(add);
      s.execute(add); // a re-run

      try (ResultSet r = s.executeQuery("SELECT message_id, CAST(failed_at AS VARCHAR) FROM sales_dead_letter ORDER BY 1")) {
        StringBuilder rows = new StringBuilder();
        while (r.next()) {
          rows.append(r.getString(1)).append(' ').append(r.getString(2)).append('\n');
        }
        assertEquals("m-1 2026-11-24 09:00:01+00\nm-2 2026-11-25 03:00:00+00\n", rows.toString());
      }
    }
  }

  /** A dead letter whose id is a function of the message id only, as for one failure of one message. */
  private static String deadLetter(String messageId, String failedAt) {
    return "('nope', false, 'INVALID_JSON', 'payload is not valid JSON', 'parse', '" + messageId + "', TIMESTAMPTZ '"
        + failedAt + "', TIMESTAMPTZ '2026-11-24 09:00:00+00', '{}', 'id-" + messageId + "')";
  }

  @Test
  void theBigQueryScriptRunsTheSameStatementsInOneTransactionWithConstantBounds() {
    String script = BackfillReplace.bigQueryScript("`p.d.sales_cleaned`", "`p.d.staging`",
        SalesTable.CLEANED.fields(), DAY);
    assertTrue(script.startsWith("DECLARE lo TIMESTAMP DEFAULT (SELECT MIN(event_timestamp) FROM `p.d.staging`);"),
        script);
    int transaction = script.indexOf("BEGIN TRANSACTION;");
    int commit = script.indexOf("COMMIT TRANSACTION;");
    assertTrue(transaction > 0 && commit > transaction, script);
    assertTrue(script.contains("T.event_timestamp BETWEEN lo AND hi"), script);
    assertTrue(script.contains("T.publish_time >= TIMESTAMP '2026-11-24 00:00:00.000+00:00'"), script);
    assertTrue(script.contains("EXCEPTION WHEN ERROR THEN\n  ROLLBACK TRANSACTION;"), script);
  }
}
