package com.salesanalytics.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.Stage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.Instant;

/** Dead letters for rows a warehouse refused, shared by every sink. */
public final class RefusedRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RefusedRows() {}

  /** A raw message keeps its original bytes, so it can be replayed as it arrived. */
  public static DeadLetter raw(byte[] payload, String messageId, String reason, Instant failedAt) {
    return new DeadLetter(payload, ErrorCode.WRITE_FAILED,
        "sales_raw refused the row: " + reason, Stage.WRITE, messageId, failedAt);
  }

  /** A cleaned row has no single original payload; the refused row itself is kept, as JSON. */
  public static DeadLetter cleaned(Map<String, Object> row, String reason, Instant failedAt) {
    return new DeadLetter(json(row), ErrorCode.WRITE_FAILED,
        "sales_cleaned refused the row: " + reason, Stage.WRITE, null, failedAt);
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
