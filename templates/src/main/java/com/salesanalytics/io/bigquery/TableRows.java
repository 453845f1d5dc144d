package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import com.salesanalytics.io.DeadLetterReplayQuery;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.logic.PayloadText;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  /** One copy of a message in a row of {@code DeadLetterReplayQuery} (columns under {@code prefix}), or null. */
  static DeadLetterReplayQuery.StoredMessage storedMessage(TableRow row, String prefix) {
    Object payload = row.get(prefix + "payload");
    if (payload == null) {
      return null;
    }
    Object publishTime = row.get(prefix + "publish_time");
    Object attributes = row.get(prefix + "attributes");
    return new DeadLetterReplayQuery.StoredMessage(payload.toString(),
        Boolean.TRUE.equals(asBoolean(row.get(prefix + "payload_base64"))),
        publishTime == null ? null : timestamp(publishTime), attributes == null ? null : attributes.toString());
  }

  /**
   * One sale from its rows of {@code UniqueSalesQuery} (one per line, in any order, or one with no
   * line), as the Storage Read API hands them over: NUMERIC and INT64 as text or numbers.
   */
  static CleanedSale uniqueSale(Iterable<TableRow> rows) {
    List<TableRow> sorted = new ArrayList<>();
    rows.forEach(sorted::add);
    sorted.sort(Comparator.comparingLong(r -> r.get("line_number") == null ? -1 : asLong(r.get("line_number"))));
    TableRow sale = sorted.get(0);
    List<LineItem> lines = sorted.stream().filter(r -> r.get("line_number") != null)
        .map(r -> new LineItem((String) r.get("product_id"), asLong(r.get("quantity")), decimal(r.get("unit_price"))))
        .toList();
    return new CleanedSale((String) sale.get("transaction_id"), (String) sale.get("store_id"),
        (String) sale.get("customer_id"), timestamp(sale.get("event_timestamp")), (String) sale.get("payment_method"),
        (String) sale.get("currency"), asLong(sale.get("line_count")), asLong(sale.get("total_items")),
        decimal(sale.get("total_amount")), decimal(sale.get("avg_price_per_item")), (String) sale.get("message_id"),
        timestamp(sale.get("publish_time")), lines);
  }

  private static long asLong(Object value) {
    return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
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
