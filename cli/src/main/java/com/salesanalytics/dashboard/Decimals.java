package com.salesanalytics.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Exact decimal values for the API. DuckDB returns NUMERIC columns at scale 9 and divides decimals
 * as doubles, so sums are trimmed here and every quotient is taken in BigDecimal.
 */
final class Decimals {
  private static final int MONEY_SCALE = 2;

  private Decimals() {}

  /** The exact amount without the warehouse's padding zeros, but with at least cents (12.5 -> 12.50). */
  static @Nullable BigDecimal money(@Nullable BigDecimal amount) {
    if (amount == null) {
      return null;
    }
    BigDecimal trimmed = amount.stripTrailingZeros();
    return trimmed.scale() < MONEY_SCALE ? trimmed.setScale(MONEY_SCALE) : trimmed;
  }

  /** numerator / denominator rounded half-up to 2 decimals, as the warehouse's own averages are; null for 0. */
  static @Nullable BigDecimal ratio(@Nullable BigDecimal numerator, long denominator) {
    if (numerator == null || denominator == 0) {
      return null;
    }
    return numerator.divide(BigDecimal.valueOf(denominator), MONEY_SCALE, RoundingMode.HALF_UP);
  }

  static @Nullable BigDecimal ratio(long numerator, long denominator) {
    return ratio(BigDecimal.valueOf(numerator), denominator);
  }

  /** 100 * part / whole, rounded half-up to 2 decimals; null for an empty whole. */
  static @Nullable BigDecimal percent(long part, long whole) {
    return ratio(BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)), whole);
  }
}
