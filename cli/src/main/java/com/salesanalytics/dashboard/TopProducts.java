package com.salesanalytics.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The products with most revenue among the sale lines ({@code sales_line_items}, first delivery of
 * each sale only) with an event time in [from, to), per currency, since revenue in two currencies
 * cannot be ranked together. The currency with most sales comes first.
 */
public record TopProducts(@Nullable Instant from, @Nullable Instant to, List<Currency> currencies) {

  /** One currency's ranking: highest revenue first, ties by product id. */
  public record Currency(String currency, List<Product> products) {}

  /** A product's exact revenue and units in the span. */
  public record Product(String productId, BigDecimal revenue, long items) {}

  static TopProducts empty() {
    return new TopProducts(null, null, List.of());
  }
}
