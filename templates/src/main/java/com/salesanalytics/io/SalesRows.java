package com.salesanalytics.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesanalytics.logic.PayloadText;
import com.salesanalytics.logic.SaleParser;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
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
    PayloadText payload = PayloadText.of(message.payload());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("payload", payload.text());
    row.put("payload_base64", payload.base64());
    row.put("message_id", message.messageId());
    row.put("publish_time", message.publishTime());
    row.put("attributes", attributesJson(message.attributes()));
    row.put("store_id", SaleParser.storeIdOf(message.payload()).orElse(null));
    row.put("ingested_at", ingestedAt);
    return row;
  }

  public static Map<String, Object> cleaned(CleanedSale sale, Instant processedAt) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("transaction_id", sale.transactionId());
    row.put("store_id", sale.storeId());
    row.put("customer_id", sale.customerId());
    row.put("event_timestamp", sale.eventTimestamp());
    row.put("payment_method", sale.paymentMethod());
    row.put("currency", sale.currency());
    row.put("line_count", sale.lineCount());
    row.put("total_items", sale.totalItems());
    row.put("total_amount", sale.totalAmount());
    row.put("avg_price_per_item", sale.avgPricePerItem());
    row.put("processed_at", processedAt);
    row.put("message_id", sale.messageId());
    row.put("publish_time", sale.publishTime());
    return row;
  }

  public static Map<String, Object> line(SaleLine line, Instant processedAt) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("transaction_id", line.transactionId());
    row.put("line_number", line.lineNumber());
    row.put("store_id", line.storeId());
    row.put("event_timestamp", line.eventTimestamp());
    row.put("currency", line.currency());
    row.put("product_id", line.productId());
    row.put("quantity", line.quantity());
    row.put("unit_price", line.unitPrice());
    row.put("line_amount", line.lineAmount());
    row.put("message_id", line.messageId());
    row.put("publish_time", line.publishTime());
    row.put("processed_at", processedAt);
    return row;
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
        + " [payload truncated to its first " + kept.length + " of " + original.length + " bytes, sha256 "
        + sha256(original) + "; sales_raw holds the whole message under message_id if it fit there]");
    row.put("stage", letter.stage().columnValue());
    row.put("message_id", letter.messageId());
    row.put("failed_at", letter.failedAt());
    row.put("publish_time", letter.publishTime());
    row.put("attributes", attributesJson(letter.attributes()));
    row.put("dead_letter_id", letter.id());
    return row;
  }

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
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("attributes column is not a JSON object of strings: " + json, e);
    }
  }
}
