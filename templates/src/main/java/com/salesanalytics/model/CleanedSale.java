package com.salesanalytics.model;

import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A row of {@code sales_cleaned} without {@code processed_at}, which the sink stamps when it
 * writes. Amounts are exact decimals. {@code messageId} and {@code publishTime} name the delivery
 * the row was cleaned from: they join it to {@code sales_raw}, make each row's key (one row per
 * delivery, so a retried write is recognised) and decide which copy of a sale is kept. {@code items}
 * are the validated lines in the order sent: they become {@code sales_line_items} and product KPIs.
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.CleanedSaleCoder.class)
public record CleanedSale(
    String transactionId,
    String storeId,
    @Nullable String customerId,
    Instant eventTimestamp,
    @Nullable String paymentMethod,
    String currency,
    long lineCount,
    long totalItems,
    BigDecimal totalAmount,
    BigDecimal avgPricePerItem,
    String messageId,
    Instant publishTime,
    java.util.List<LineItem> items) implements java.io.Serializable {

  public CleanedSale {
    java.util.Objects.requireNonNull(messageId, "messageId");
    java.util.Objects.requireNonNull(publishTime, "publishTime");
    items = java.util.List.copyOf(items);
  }

  /** The same sale with these lines. */
  public CleanedSale withItems(java.util.List<LineItem> lines) {
    return new CleanedSale(transactionId, storeId, customerId, eventTimestamp, paymentMethod, currency, lineCount,
        totalItems, totalAmount, avgPricePerItem, messageId, publishTime, lines);
  }
}
