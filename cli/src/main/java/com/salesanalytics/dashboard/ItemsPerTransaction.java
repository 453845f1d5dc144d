package com.salesanalytics.dashboard;

import java.time.Instant;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How many sales (one per transaction, from {@code sales_cleaned_unique}) with an event time in
 * [from, to) had each number of items.
 */
public record ItemsPerTransaction(@Nullable Instant from, @Nullable Instant to, long transactions, List<Bucket> buckets) {

  /** {@code transactions} sales had {@code items} units. */
  public record Bucket(long items, long transactions) {}

  static ItemsPerTransaction empty() {
    return new ItemsPerTransaction(null, null, 0, List.of());
  }
}
