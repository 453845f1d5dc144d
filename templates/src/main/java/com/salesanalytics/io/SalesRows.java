package com.salesanalytics.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesanalytics.logic.PayloadText;
import com.salesanalytics.logic.SaleParser;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.DeadLetterReplay;
import com.salesanalytics.model.PipelineHealth;
import com.salesanalytics.model.ProductSales;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.SaleLine;
import com.salesanalytics.model.StoreKpi;
import java.math.BigDecimal;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.Instant;

/**
 * The one mapping from model values to table columns, shared by the BigQuery and DuckDB sinks.
 * Values are plain Java: String, Boolean, Long, BigDecimal, {@link Instant}; null for NULL.
 * Column names match {@code bigquery/<table>.json}, which a test checks.
 */
public final class SalesRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SalesRows() {}

  public static Map<String, Object> raw(RawMessage message, Instant ingestedAt) {
    return SalesTable.RAW.row(rawValues(message, ingestedAt));
  }

  /** {@link #raw}'s values in the table's column order, for sinks that write columns by position. */
  public static Object[] rawValues(RawMessage message, Instant ingestedAt) {
    PayloadText payload = PayloadText.of(message.payload());
    return new Object[] {
      payload.text(),
      payload.base64(),
      message.messageId(),
      message.publishTime(),
      attributesJson(message.attributes()),
      SaleParser.storeIdOf(message.payload()).orElse(null),
      ingestedAt};
  }

  public static Map<String, Object> cleaned(CleanedSale sale, Instant processedAt) {
    return SalesTable.CLEANED.row(cleanedValues(sale, processedAt));
  }

  /** {@link #cleaned}'s values in the table's column order, for sinks that write columns by position. */
  public static Object[] cleanedValues(CleanedSale sale, Instant processedAt) {
    return new Object[] {
      sale.transactionId(),
      sale.storeId(),
      sale.customerId(),
      sale.eventTimestamp(),
      sale.paymentMethod(),
      sale.currency(),
      sale.lineCount(),
      sale.totalItems(),
      sale.totalAmount(),
      sale.avgPricePerItem(),
      processedAt,
      sale.messageId(),
      sale.publishTime()};
  }

  public static Map<String, Object> line(SaleLine line, Instant processedAt) {
    return SalesTable.LINE_ITEMS.row(lineValues(line, processedAt));
  }

  /** {@link #line}'s values in the table's column order, for sinks that write columns by position. */
  public static Object[] lineValues(SaleLine line, Instant processedAt) {
    return new Object[] {
      line.transactionId(),
      line.lineNumber(),
      line.storeId(),
      line.eventTimestamp(),
      line.currency(),
      line.productId(),
      line.quantity(),
      line.unitPrice(),
      line.lineAmount(),
      line.messageId(),
      line.publishTime(),
      processedAt};
  }

  public static Map<String, Object> storeKpi(StoreKpi kpi) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("store_id", kpi.storeId());
    row.put("window_start", kpi.windowStart());
    row.put("currency", kpi.currency());
    row.put("window_end", kpi.windowEnd());
    row.put("transactions", kpi.transactions());
    row.put("items", kpi.items());
    row.put("revenue", kpi.revenue());
    row.put("avg_basket", kpi.avgBasket());
    row.put("items_per_transaction", kpi.itemsPerTransaction());
    row.put("customers", kpi.customers());
    row.put("anonymous_transactions", kpi.anonymousTransactions());
    row.put("customer_revenue", kpi.customerRevenue());
    row.put("avg_spend_per_customer", kpi.avgSpendPerCustomer());
    row.put("top_products", topProductsJson(kpi.topProducts()));
    row.put("timing", kpi.timing().name());
    row.put("is_final", kpi.isFinal());
    row.put("pane_index", kpi.paneIndex());
    row.put("updated_at", kpi.updatedAt());
    return row;
  }

  public static Map<String, Object> health(PipelineHealth health) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("window_start", health.windowStart());
    row.put("window_end", health.windowEnd());
    row.put("events_in", health.eventsIn());
    row.put("cleaned", health.cleaned());
    row.put("dead_lettered", health.deadLettered());
    row.put("duplicates", health.duplicates());
    row.put("dropped_late", health.droppedLate());
    row.put("timing", health.timing().name());
    row.put("is_final", health.isFinal());
    row.put("pane_index", health.paneIndex());
    row.put("updated_at", health.updatedAt());
    return row;
  }

  /** Money as JSON strings, so no reader turns it into a double. */
  static String topProductsJson(List<ProductSales> products) {
    com.fasterxml.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
    for (ProductSales p : products) {
      array.addObject().put("product_id", p.productId()).put("revenue", moneyText(p.revenue()))
          .put("items", p.items());
    }
    return array.toString();
  }

  /**
   * One text per amount, whatever scale it carries (7.0 from a payload, 7.000000000 from a NUMERIC
   * column): at least cents, more places only where the amount has them.
   */
  private static String moneyText(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
  }

  public static Map<String, Object> deadLetter(DeadLetter letter) {
    byte[] original = letter.payload();
    byte[] kept = original.length <= MAX_DEAD_LETTER_PAYLOAD_BYTES ? original : utf8Prefix(original);
    PayloadText payload = PayloadText.of(kept);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("payload", payload.text());
    row.put("payload_base64", payload.base64());
    row.put("error_code", letter.errorCode().name());
    row.put("error_message", kept == original ? letter.errorMessage() : letter.errorMessage()
        + TRUNCATED_PAYLOAD_MARK + kept.length + " of " + original.length + " bytes, sha256 "
        + sha256(original) + "; sales_raw holds the whole message under message_id if it fit there]");
    row.put("stage", letter.stage().columnValue());
    row.put("message_id", letter.messageId());
    row.put("failed_at", letter.failedAt());
    row.put("publish_time", letter.publishTime());
    row.put("attributes", attributesJson(letter.attributes()));
    row.put("dead_letter_id", letter.id());
    return row;
  }

  /** A replay's outcome; the failure's code and message only when it failed again. */
  public static Map<String, Object> deadLetterReplay(DeadLetterReplay replay) {
    DeadLetter error = replay.error();
    return SalesTable.DEAD_LETTER_REPLAYS.row(replay.deadLetterId(), replay.messageId(),
        replay.result().columnValue(), error == null ? null : error.errorCode().name(),
        error == null ? null : error.errorMessage(), replay.replayedAt(), replay.attemptId());
  }

  /** How {@link #deadLetter} marks a dead letter whose payload it cut: the row no longer holds the message. */
  public static final String TRUNCATED_PAYLOAD_MARK = " [payload truncated to its first ";

  /**
   * The most payload a dead letter keeps. BigQuery's Storage Write API refuses a row over 10 MB
   * (Beam's default request limit), base64 makes binary 4/3 larger, and a refused dead letter
   * fails its bundle: so one oversized message would stall a streaming job for good. Larger
   * payloads are cut here, with their size and hash in the message.
   */
  public static final int MAX_DEAD_LETTER_PAYLOAD_BYTES = 5 * 1024 * 1024;

  /** The first {@link #MAX_DEAD_LETTER_PAYLOAD_BYTES}, not splitting a UTF-8 character. */
  private static byte[] utf8Prefix(byte[] payload) {
    int end = MAX_DEAD_LETTER_PAYLOAD_BYTES;
    while (end > 0 && (payload[end] & 0xC0) == 0x80) {
      end--; // payload[end] continues a character that starts before the cut
    }
    return java.util.Arrays.copyOf(payload, end);
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The inverse of {@link #raw}: what backfill replays from {@code sales_raw}. */
  public static RawMessage rawMessage(
      String payload, boolean base64, String messageId, Instant publishTime, String attributesJson) {
    return new RawMessage(
        new PayloadText(payload, base64).toBytes(), messageId, publishTime, attributes(attributesJson));
  }

  static String attributesJson(Map<String, String> attributes) {
    try {
      return JSON.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  static Map<String, String> attributes(String json) {
    if (json == null || json.isBlank() || json.equals("{}")) {
      return Map.of(); // most rows have none: no JSON parser for them
    }
    try {
      return JSON.readValue(json, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("attributes column is not a JSON object of strings: " + json, e);
    }
  }
}
