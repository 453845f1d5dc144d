package com.salesanalytics.dashboard;

import java.time.Instant;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Transactions per store and KPI window, every minute of [from, to) listed (0 where a store sold
 * nothing). {@code provisional[i]}: some row of window i is not final yet.
 */
public record SalesByStore(@Nullable Instant from, @Nullable Instant to, List<Instant> windows, List<Boolean> provisional,
    List<Store> stores) {

  /** One store's transactions, one number per window. */
  public record Store(String storeId, List<Long> transactions) {}

  static SalesByStore empty() {
    return new SalesByStore(null, null, List.of(), List.of(), List.of());
  }
}
