package com.salesanalytics.model;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A sales transaction that passed validation. Only {@code customerId} and {@code paymentMethod}
 * may be null; everything else the contract requires is present and in range.
 */
public record SaleEvent(
    String transactionId,
    String storeId,
    @Nullable String customerId,
    Instant timestamp,
    @Nullable String paymentMethod,
    String currency,
    List<LineItem> items) implements java.io.Serializable {

  public SaleEvent {
    items = List.copyOf(items);
  }
}
