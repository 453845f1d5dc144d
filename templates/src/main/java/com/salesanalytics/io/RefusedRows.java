package com.salesanalytics.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** Dead letters for rows a warehouse refused, shared by every sink. */
public final class RefusedRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the reason of a {@code sales_raw} refusal starts: such a dead letter is the only copy of its message. */
  public static final String RAW_REFUSED = "sales_raw refused the row: ";

  private RefusedRows() {}

  /** A raw message keeps its original bytes, id, attributes and publish time: it replays as it arrived. */
  public static DeadLetter raw(RawMessage message, String reason, Instant failedAt) {
    return DeadLetter.of(message, ErrorCode.WRITE_FAILED, RAW_REFUSED + reason, Stage.WRITE,
        failedAt);
  }

  /**
   * A cleaned row keeps the row itself, as JSON, with the id and publish time of the message it
   * came from; that message is in {@code sales_raw} under the id.
   */
  public static DeadLetter cleaned(Map<String, Object> row, String messageId, Instant publishTime, String reason,
      Instant failedAt) {
    return new DeadLetter(json(row), ErrorCode.WRITE_FAILED, "sales_cleaned refused the row: " + reason, Stage.WRITE,
        messageId, publishTime, Map.of(), failedAt);
  }

  /**
   * A row derived from sales (a line, a KPI or health result) keeps the row, as JSON, and the
   * message it came from where there is one.
   */
  public static DeadLetter derived(SalesTable table, Map<String, Object> row, @Nullable String messageId,
      @Nullable Instant publishTime,
      String reason, Instant failedAt) {
    return new DeadLetter(json(row), ErrorCode.WRITE_FAILED, table.tableName() + " refused the row: " + reason,
        Stage.WRITE, messageId, publishTime, Map.of(), failedAt);
  }

  static byte[] json(Map<String, ?> row) {
    Map<String, Object> printable = new LinkedHashMap<>();
    row.forEach((k, v) -> printable.put(k, v == null ? null : v instanceof Boolean || v instanceof Number ? v : v.toString()));
    try {
      return JSON.writeValueAsString(printable).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a row of plain values always serialises", e);
    }
  }
}
