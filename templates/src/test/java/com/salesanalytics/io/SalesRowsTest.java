package com.salesanalytics.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.TestSales;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.ProductSales;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How values become rows, where a row's limits matter. */
class SalesRowsTest {
  /** BigQuery's Storage Write API (Beam's default request limit) refuses larger rows. */
  private static final int BIGQUERY_ROW_LIMIT = 10_000_000;

  private static Map<String, Object> deadLetterRow(byte[] payload) {
    RawMessage message = new RawMessage(payload, "m-big", TestSales.T0, Map.of());
    return SalesRows.deadLetter(DeadLetter.of(message, ErrorCode.INVALID_JSON,
        "payload is " + payload.length + " bytes; at most 1048576 are accepted", Stage.PARSE, TestSales.T0));
  }

  private static int size(Map<String, Object> row) {
    return row.values().stream().mapToInt(v -> v == null ? 0 : v.toString().length()).sum();
  }

  @Test
  void anEightMegabyteBinaryMessageMakesADeadLetterBigQueryCanStore() {
    byte[] binary = new byte[8_000_000];
    Arrays.fill(binary, (byte) 0xFF); // not UTF-8: stored base64, a third larger
    Map<String, Object> row = deadLetterRow(binary);
    assertTrue(size(row) < BIGQUERY_ROW_LIMIT, "row of " + size(row) + " characters");
    assertTrue(row.get("error_message").toString().contains("truncated to its first 5242880 of 8000000 bytes"),
        row.get("error_message").toString());
  }

  @Test
  void aLongTextMessageIsCutBetweenCharactersNotInsideOne() {
    byte[] text = ("{\"note\":\"" + "é".repeat(4_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    Map<String, Object> row = deadLetterRow(text);
    assertEquals(false, row.get("payload_base64")); // still valid UTF-8 after the cut
    assertTrue(size(row) < BIGQUERY_ROW_LIMIT);
  }

  @Test
  void aMessageWithinTheLimitIsKeptWhole() {
    byte[] payload = "x".repeat(SalesRows.MAX_DEAD_LETTER_PAYLOAD_BYTES).getBytes(StandardCharsets.UTF_8);
    Map<String, Object> row = deadLetterRow(payload);
    assertEquals(SalesRows.MAX_DEAD_LETTER_PAYLOAD_BYTES, row.get("payload").toString().length());
    assertTrue(!row.get("error_message").toString().contains("truncated"));
  }

  /**
   * The stream computes product revenue from the payload's prices (3.5 x 2 = 7.0), a backfill from
   * NUMERIC columns (7.000000000): the same money must be the same JSON text.
   */
  @Test
  void topProductsWriteMoneyOneWayWhateverScaleItCarries() {
    String fromPayload = SalesRows.topProductsJson(List.of(new ProductSales("p-1", new BigDecimal("7.0"), 2),
        new ProductSales("p-2", new BigDecimal("3.495"), 1), new ProductSales("p-3", new BigDecimal("12"), 1)));
    String fromNumeric = SalesRows.topProductsJson(List.of(new ProductSales("p-1", new BigDecimal("7.000000000"), 2),
        new ProductSales("p-2", new BigDecimal("3.495000000"), 1), new ProductSales("p-3", new BigDecimal("12.000000000"), 1)));
    String expected = "[{\"product_id\":\"p-1\",\"revenue\":\"7.00\",\"items\":2},"
        + "{\"product_id\":\"p-2\",\"revenue\":\"3.495\",\"items\":1},"
        + "{\"product_id\":\"p-3\",\"revenue\":\"12.00\",\"items\":1}]";
    assertEquals(expected, fromPayload);
    assertEquals(expected, fromNumeric);
  }
}
