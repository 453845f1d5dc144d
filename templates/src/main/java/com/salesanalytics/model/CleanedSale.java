package com.salesanalytics.model;

import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A row of {@code sales_cleaned} without {@code processed_at}, which the sink stamps when it
 * writes. Amounts are exact decimals.
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
    BigDecimal avgPricePerItem) implements java.io.Serializable {}
