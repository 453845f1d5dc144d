package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.logic.PayloadText;
import com.salesanalytics.model.RawMessage;
import java.math.BigDecimal;
import java.util.Map;
import org.joda.time.Instant;

/** Column values (see {@link SalesRows}) as BigQuery {@link TableRow}s, and back. */
public final class TableRows {
  private TableRows() {}

  static TableRow of(Map<String, Object> columns) {
    TableRow row = new TableRow();
    columns.forEach((name, value) -> row.set(name, bigQueryValue(value)));
    return row;
  }

  /** Decimals as plain strings (NUMERIC stays exact); instants as RFC 3339 UTC strings. */
  private static Object bigQueryValue(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Instant t) {
      return t.toString();
    }
    return value;
  }

  static RawMessage rawMessage(TableRow row) {
    Object attributes = row.get("attributes");
    return SalesRows.rawMessage(
        String.valueOf(row.get("payload")),
        Boolean.TRUE.equals(asBoolean(row.get("payload_base64"))),
        (String) row.get("message_id"),
        timestamp(row.get("publish_time")),
        attributes == null ? null : attributes.toString());
  }

  private static Boolean asBoolean(Object value) {
    return value instanceof Boolean b ? b : value == null ? null : Boolean.valueOf(value.toString());
  }

  /**
   * TIMESTAMP values as BigQuery's readers hand them over: epoch micros, or text such as
   * {@code 2026-11-24 10:00:00 UTC}, {@code 2026-11-24T10:00:00Z} or {@code 2026-11-24T 10:00:00}.
   */
  public static Instant timestamp(Object value) {
    if (value instanceof Number micros) {
      return new Instant(micros.longValue() / 1000);
    }
    String text = value.toString().trim()
        .replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[T ]+", "$1T")
        .replaceFirst("\\s*UTC$", "Z");
    if (!text.matches(".*(Z|[+-]\\d{2}:?\\d{2})$")) {
      text = text + "Z";
    }
    return Instant.parse(text);
  }
}
