package com.salesanalytics.io.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.UniqueSalesQuery;
import com.salesanalytics.model.TimeRange;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB reader's read-back query gives exactly the rows of the shared query over the two
 * unique views, on rows that tell them apart if either ranked only part of a transaction's rows.
 */
class ReadUniqueSalesSqlTest {
  @TempDir Path dir;
  private String file;

  @AfterEach
  void close() {
    DuckDbDatabase.closeIfOpen(file);
  }

  private static String sale(String tx, String message, String eventTime, String published) {
    return "('" + tx + "', 'store-01', 'c-1', TIMESTAMPTZ '" + eventTime + "+00', 'card', 'EUR', 2, 3, 7.50, 2.50,"
        + " TIMESTAMPTZ '" + published + "+00', '" + message + "', TIMESTAMPTZ '" + published + "+00')";
  }

  private static String line(String tx, int number, String product, String message, String eventTime, String processed) {
    return "('" + tx + "', " + number + ", 'store-01', TIMESTAMPTZ '" + eventTime + "+00', 'EUR', '" + product
        + "', 1, 2.50, 2.50, '" + message + "', TIMESTAMPTZ '" + eventTime + "+00', TIMESTAMPTZ '" + processed + "+00')";
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void readsWhatTheUniqueViewsHoldForEveryRange() throws Exception {
    file = dir.resolve("w.duckdb").toString();
    DuckDbDatabase.open(file).withConnection(connection -> {
      try (Statement s = connection.createStatement()) {
        s.execute("INSERT INTO sales_cleaned VALUES "
            // tx-1: a late redelivery (m-2) of the same sale; the first delivery's lines count
            + sale("tx-1", "m-1", "2026-11-24 10:00:00", "2026-11-24 10:00:01") + ", "
            + sale("tx-1", "m-2", "2026-11-24 10:00:00", "2026-11-24 11:30:00") + ", "
            // tx-2: no lines
            + sale("tx-2", "m-3", "2026-11-24 10:20:00", "2026-11-24 10:20:01") + ", "
            // tx-3: copies that disagree on the event time; the first delivery (10:40) decides
            + sale("tx-3", "m-5", "2026-11-24 10:40:00", "2026-11-24 10:40:01") + ", "
            + sale("tx-3", "m-6", "2026-11-24 12:10:00", "2026-11-24 12:10:01") + ", "
            // tx-4: the same publish time twice; the lowest message id decides
            + sale("tx-4", "m-8", "2026-11-24 11:05:00", "2026-11-24 11:05:01") + ", "
            + sale("tx-4", "m-7", "2026-11-24 11:05:00", "2026-11-24 11:05:01") + ", "
            // tx-5: another day
            + sale("tx-5", "m-9", "2026-11-25 10:00:00", "2026-11-25 10:00:01"));
        s.execute("INSERT INTO sales_line_items VALUES "
            + line("tx-1", 1, "apple", "m-1", "2026-11-24 10:00:00", "2026-11-24 10:00:02") + ", "
            + line("tx-1", 2, "pear", "m-1", "2026-11-24 10:00:00", "2026-11-24 10:00:02") + ", "
            + line("tx-1", 1, "apple", "m-2", "2026-11-24 10:00:00", "2026-11-24 11:30:01") + ", "
            + line("tx-3", 1, "plum", "m-5", "2026-11-24 10:40:00", "2026-11-24 10:40:02") + ", "
            + line("tx-3", 1, "fig", "m-6", "2026-11-24 12:10:00", "2026-11-24 12:10:02") + ", "
            + line("tx-4", 1, "kiwi", "m-7", "2026-11-24 11:05:00", "2026-11-24 11:05:02") + ", "
            + line("tx-4", 2, "lime", "m-7", "2026-11-24 13:00:00", "2026-11-24 11:05:02") + ", "
            + line("tx-4", 1, "date", "m-8", "2026-11-24 11:05:00", "2026-11-24 11:05:02") + ", "
            + line("tx-5", 1, "yam", "m-9", "2026-11-25 10:00:00", "2026-11-25 10:00:02"));
        String[][] ranges = {
          {"2026-11-24T00:00:00Z", "2026-11-26T00:00:00Z"}, {"2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z"},
          {"2026-11-24T11:00:00Z", "2026-11-24T13:00:00Z"}, {"2026-11-24T12:00:00Z", "2026-11-24T12:30:00Z"},
          {"2026-11-24T10:30:00Z", "2026-11-24T12:00:00Z"}, {"2026-11-25T00:00:00Z", "2026-11-25T10:00:00Z"}};
        int nonEmpty = 0;
        for (String[] bounds : ranges) {
          TimeRange range = new TimeRange(Instant.parse(bounds[0]), Instant.parse(bounds[1]));
          String shared = UniqueSalesQuery.sql(SalesTable.CLEANED_UNIQUE_VIEW, SalesTable.LINE_ITEMS_UNIQUE_VIEW, range,
              t -> "TIMESTAMPTZ '" + BackfillReplace.utc(t) + "'", column -> "epoch_ms(" + column + ")")
              + " ORDER BY s.transaction_id, l.line_number";
          List<String> expected = rows(s, shared);
          assertEquals(expected, rows(s, ReadUniqueSalesFn.sql(range)), "range " + range);
          nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty >= 4);
        // The day, spelled out: tx-1 as its first delivery with that delivery's lines, tx-2 without
        // lines, tx-3 as its first delivery, tx-4 as its lower message id with both lines; not tx-5.
        List<String> day = new ArrayList<>();
        for (String row : rows(s, ReadUniqueSalesFn.sql(new TimeRange(Instant.parse("2026-11-24T00:00:00Z"),
            Instant.parse("2026-11-25T00:00:00Z"))))) {
          String[] columns = row.split("\\|");
          day.add(columns[0] + "|" + columns[10] + "|" + columns[12] + "|" + columns[13]);
        }
        assertEquals(List.of("tx-1|m-1|1|apple", "tx-1|m-1|2|pear", "tx-2|m-3|null|null", "tx-3|m-5|1|plum",
            "tx-4|m-7|1|kiwi", "tx-4|m-7|2|lime"), day);
      }
      return null;
    });
  }
}
