package com.salesanalytics.local.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.Instant;

/**
 * The {@code sales_cleaned} row as the two reference chains build it: the columns, order and value
 * types of {@link com.salesanalytics.io.SalesRows#cleaned}, written out again so that the references
 * depend on none of the project's cleaning code.
 */
final class ReferenceRow {
  private ReferenceRow() {}

  static Map<String, Object> of(String transactionId, String storeId, String customerId, Instant eventTime,
      String paymentMethod, String currency, long lineCount, long totalItems, BigDecimal totalAmount,
      String messageId, Instant publishTime, Instant processedAt) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("transaction_id", transactionId);
    row.put("store_id", storeId);
    row.put("customer_id", customerId);
    row.put("event_timestamp", eventTime);
    row.put("payment_method", paymentMethod);
    row.put("currency", currency);
    row.put("line_count", lineCount);
    row.put("total_items", totalItems);
    row.put("total_amount", totalAmount);
    // Half up to cents, as docs/event-contract.md says of avg_price_per_item.
    row.put("avg_price_per_item", totalAmount.divide(BigDecimal.valueOf(totalItems), 2, RoundingMode.HALF_UP));
    row.put("processed_at", processedAt);
    row.put("message_id", messageId);
    row.put("publish_time", publishTime);
    return row;
  }
}
