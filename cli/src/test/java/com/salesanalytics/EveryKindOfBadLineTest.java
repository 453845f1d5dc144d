package com.salesanalytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.model.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file holding every kind of bad line the event contract names (docs/event-contract.md),
 * each with the code the contract gives it, written down here, between sales that are valid at
 * the contract's edges. Backfill and stream-clean each account for every line: a cleaned row for
 * each valid sale, and for each bad line one dead letter with the expected code and the line's
 * bytes untouched.
 */
class EveryKindOfBadLineTest {
  private static final String SALE = "{\"transaction_id\":\"%s\",\"store_id\":\"store-07\",\"customer_id\":\"c-1093\","
      + "\"timestamp\":\"2026-11-24T10:15:30.123Z\",\"payment_method\":\"card\",\"currency\":\"USD\","
      + "\"items\":[{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":3.49}]}";

  @TempDir static Path dir;
  static Path events;
  /** Line number (1-based, as in message ids) → the code its dead letter must have; null: valid. */
  static final Map<Integer, ErrorCode> EXPECTED = new LinkedHashMap<>();
  /** Line number → the line's exact bytes. */
  static final Map<Integer, byte[]> LINES = new TreeMap<>();

  /** A valid sale with {@code from} (a literal piece of it) replaced by {@code to}. */
  private static String sale(String id, String from, String to) {
    String valid = String.format(SALE, id);
    if (!valid.contains(from)) {
      throw new IllegalArgumentException(from + " is not in the example sale");
    }
    return valid.replace(from, to);
  }

  private static String sale(String id) {
    return String.format(SALE, id);
  }

  @BeforeAll
  static void writeTheFile() throws Exception {
    List<Object[]> cases = new ArrayList<>();
    // Valid at the contract's edges: each must become a cleaned row.
    cases.add(new Object[] {sale("v-01"), null});
    cases.add(new Object[] {sale("v-02", "\"quantity\":2", "\"quantity\":2.0"), null});
    cases.add(new Object[] {sale("v-03", "\"quantity\":2", "\"quantity\":1e2"), null});
    cases.add(new Object[] {sale("v-04", "3.49", "0e-1000000"), null});
    cases.add(new Object[] {sale("v-05", "3.49", "1E+9"), null});
    cases.add(new Object[] {sale("v-06", "\"currency\":\"USD\",", "\"loyalty\":{\"tier\":\"gold\"},"), null});
    cases.add(new Object[] {sale("v-07", "\"customer_id\":\"c-1093\"", "\"customer_id\":null"), null});
    cases.add(new Object[] {sale("v-08", "c-1093", "c-\\ud83d\\ude00"), null});
    cases.add(new Object[] {sale("v-09", "3.49", "1.50000000000000000000"), null});
    cases.add(new Object[] {sale("v-10") + "\r", null});
    // Not JSON, or not one JSON object.
    cases.add(new Object[] {"this is not json", ErrorCode.INVALID_JSON});
    cases.add(new Object[] {"{\"transaction_id\":\"b-02\",\"store_id\":", ErrorCode.INVALID_JSON});
    cases.add(new Object[] {"[" + sale("b-03") + "]", ErrorCode.INVALID_JSON});
    cases.add(new Object[] {"\"a sale\"", ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-05") + " {}", ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-06", "\"store_id\"", "\"transaction_id\":\"b-06b\",\"store_id\""),
        ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-07", "3.49", "NaN"), ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-08", "3.49", "1" + "0".repeat(1_001)), ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-09", "\"currency\"", "\"x\":" + "[".repeat(40) + "]".repeat(40) + ",\"currency\""),
        ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-10", "\"currency\"", "\"note\":\"" + "n".repeat(1_100_000) + "\",\"currency\""),
        ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-10a", "3.49", "0e2147483648"), ErrorCode.INVALID_JSON});
    cases.add(new Object[] {sale("b-10b", "3.49", "1e-2147483649"), ErrorCode.INVALID_JSON});
    // Required fields absent, null or blank.
    cases.add(new Object[] {sale("b-11").replace("\"transaction_id\":\"b-11\",", ""), ErrorCode.MISSING_FIELD});
    cases.add(new Object[] {sale("b-12", "\"store-07\"", "null"), ErrorCode.MISSING_FIELD});
    cases.add(new Object[] {sale("b-13", "\"2026-11-24T10:15:30.123Z\"", "\"   \""), ErrorCode.MISSING_FIELD});
    cases.add(new Object[] {sale("b-14", ",\"items\":[{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":3.49}]", ""),
        ErrorCode.MISSING_FIELD});
    cases.add(new Object[] {sale("b-15", ",\"unit_price\":3.49", ""), ErrorCode.MISSING_FIELD});
    cases.add(new Object[] {sale("b-16", "\"p-100\"", "\"\""), ErrorCode.MISSING_FIELD});
    // Wrong types and text that is not Unicode.
    cases.add(new Object[] {sale("b-17", "\"store-07\"", "7"), ErrorCode.INVALID_FIELD});
    cases.add(new Object[] {sale("b-18", "[{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":3.49}]", "\"p-100\""),
        ErrorCode.INVALID_FIELD});
    cases.add(new Object[] {sale("b-19\\udbff"), ErrorCode.INVALID_FIELD});
    cases.add(new Object[] {sale("b-20-" + "x".repeat(300)), ErrorCode.INVALID_FIELD});
    cases.add(new Object[] {sale("b-21", "\"c-1093\"", "1093"), ErrorCode.INVALID_FIELD});
    cases.add(new Object[] {sale("b-22", "[{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":3.49}]", "[5]"),
        ErrorCode.INVALID_FIELD});
    // Timestamps.
    cases.add(new Object[] {sale("b-23", "2026-11-24T10:15:30.123Z", "2026-11-24T10:15:30"), ErrorCode.INVALID_TIMESTAMP});
    cases.add(new Object[] {sale("b-24", "2026-11-24T10:15:30.123Z", "24/11/2026 10:15"), ErrorCode.INVALID_TIMESTAMP});
    cases.add(new Object[] {sale("b-25", "2026-11-24T10:15:30.123Z", "2026-11-24T10:15Z"), ErrorCode.INVALID_TIMESTAMP});
    cases.add(new Object[] {sale("b-26", "2026-11-24T10:15:30.123Z", "0000-01-01T00:00:00Z"), ErrorCode.INVALID_TIMESTAMP});
    cases.add(new Object[] {sale("b-27", "\"2026-11-24T10:15:30.123Z\"", "1764000000"), ErrorCode.INVALID_TIMESTAMP});
    // Items.
    cases.add(new Object[] {sale("b-28", "[{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":3.49}]", "[]"),
        ErrorCode.EMPTY_ITEMS});
    cases.add(new Object[] {sale("b-29", "\"quantity\":2", "\"quantity\":0"), ErrorCode.INVALID_QUANTITY});
    cases.add(new Object[] {sale("b-30", "\"quantity\":2", "\"quantity\":-2"), ErrorCode.INVALID_QUANTITY});
    cases.add(new Object[] {sale("b-31", "\"quantity\":2", "\"quantity\":1.5"), ErrorCode.INVALID_QUANTITY});
    cases.add(new Object[] {sale("b-32", "\"quantity\":2", "\"quantity\":\"2\""), ErrorCode.INVALID_QUANTITY});
    cases.add(new Object[] {sale("b-33", "\"quantity\":2", "\"quantity\":1000001"), ErrorCode.INVALID_QUANTITY});
    cases.add(new Object[] {sale("b-34", "\"quantity\":2", "\"quantity\":1e400"), ErrorCode.INVALID_QUANTITY});
    cases.add(new Object[] {sale("b-35", "3.49", "-3.49"), ErrorCode.INVALID_PRICE});
    cases.add(new Object[] {sale("b-36", "3.49", "\"3.49\""), ErrorCode.INVALID_PRICE});
    cases.add(new Object[] {sale("b-37", "3.49", "0.0000000001"), ErrorCode.INVALID_PRICE});
    cases.add(new Object[] {sale("b-38", "3.49", "1000000000.01"), ErrorCode.INVALID_PRICE});
    cases.add(new Object[] {sale("b-39", "3.49", "1e999999999"), ErrorCode.INVALID_PRICE});
    cases.add(new Object[] {sale("b-39a", "3.49", "1e2147483648"), ErrorCode.INVALID_PRICE});
    cases.add(new Object[] {sale("b-40", "3.49", "true"), ErrorCode.INVALID_PRICE});
    // Currency.
    cases.add(new Object[] {sale("b-41", "\"USD\"", "\"usd\""), ErrorCode.INVALID_CURRENCY});
    cases.add(new Object[] {sale("b-42", "\"USD\"", "\"US\""), ErrorCode.INVALID_CURRENCY});
    cases.add(new Object[] {sale("b-43", "\"USD\"", "840"), ErrorCode.INVALID_CURRENCY});

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    int lineNumber = 0;
    for (Object[] c : cases) {
      byte[] line = ((String) c[0]).getBytes(StandardCharsets.UTF_8);
      lineNumber++;
      LINES.put(lineNumber, line);
      EXPECTED.put(lineNumber, (ErrorCode) c[1]);
      file.write(line);
      file.write('\n');
      if (lineNumber == 5) {
        file.write('\n'); // a blank line separates nothing and is no message
        lineNumber++;
      }
    }
    // Bytes that are not UTF-8 inside a string: kept as they came, refused as not JSON text.
    byte[] notUtf8 = sale("b-44", "c-1093", "c-10\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    lineNumber++;
    LINES.put(lineNumber, notUtf8);
    EXPECTED.put(lineNumber, ErrorCode.INVALID_JSON);
    file.write(notUtf8);
    file.write('\n');

    events = dir.resolve("every-kind.jsonl");
    Files.write(events, file.toByteArray());
  }

  @Test
  void backfillGivesEachBadLineItsCodeAndKeepsItsBytes() throws Exception {
    Path db = dir.resolve("backfill.duckdb");
    EndToEndDuckDbTest.run("backfill", "--inputFilePattern=" + events, "--duckdbPath=" + db);
    assertEachLineAccountedFor(db);
  }

  @Test
  void streamCleanGivesEachBadLineItsCodeAndKeepsItsBytes() throws Exception {
    Path db = dir.resolve("stream.duckdb");
    EndToEndDuckDbTest.run("stream-clean", "--inputFilePattern=" + events, "--duckdbPath=" + db);
    assertEachLineAccountedFor(db);
  }

  private static void assertEachLineAccountedFor(Path db) throws SQLException {
    Map<Integer, ErrorCode> codes = new TreeMap<>();
    Map<Integer, byte[]> payloads = new TreeMap<>();
    List<Integer> cleaned = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      try (ResultSet r = c.createStatement().executeQuery(
          "SELECT message_id, error_code, payload, payload_base64 FROM sales_dead_letter")) {
        while (r.next()) {
          int line = lineOf(r.getString(1));
          assertEquals(null, codes.put(line, ErrorCode.valueOf(r.getString(2))), "one dead letter for line " + line);
          payloads.put(line, r.getBoolean(4) ? Base64.getDecoder().decode(r.getString(3))
              : r.getString(3).getBytes(StandardCharsets.UTF_8));
        }
      }
      try (ResultSet r = c.createStatement().executeQuery("SELECT message_id FROM sales_cleaned ORDER BY 1")) {
        while (r.next()) {
          cleaned.add(lineOf(r.getString(1)));
        }
      }
    }
    Map<Integer, ErrorCode> expectedCodes = new TreeMap<>();
    List<Integer> expectedCleaned = new ArrayList<>();
    EXPECTED.forEach((line, code) -> {
      if (code == null) {
        expectedCleaned.add(line);
      } else {
        expectedCodes.put(line, code);
      }
    });
    assertEquals(expectedCodes, codes, "the dead letters' codes, by line");
    assertEquals(expectedCleaned, cleaned.stream().sorted().toList(), "the lines cleaned");
    Map<ErrorCode, Integer> perCode = new EnumMap<>(ErrorCode.class);
    expectedCodes.values().forEach(code -> perCode.merge(code, 1, Integer::sum));
    assertEquals(8, perCode.size(), "every code a line can earn is in the file: " + perCode);
    payloads.forEach((line, bytes) -> assertEquals(new String(LINES.get(line), StandardCharsets.ISO_8859_1),
        new String(bytes, StandardCharsets.ISO_8859_1), "line " + line + " kept byte for byte"));
  }

  /** Message ids of a file's lines are {@code <path>:<line number>}. */
  private static int lineOf(String messageId) {
    String prefix = events.toAbsolutePath() + ":";
    if (!messageId.startsWith(prefix)) {
      throw new AssertionError("message id " + messageId + " is not a line of " + events);
    }
    return Integer.parseInt(messageId.substring(prefix.length()));
  }
}
