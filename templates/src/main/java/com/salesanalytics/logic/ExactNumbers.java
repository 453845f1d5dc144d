package com.salesanalytics.logic;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * JSON numbers as exact decimals that are safe to do arithmetic on. A JSON number may carry any
 * exponent ({@code 0e-2147483647}, {@code 1e2147483647}) or scale ({@code 1.50000000000000000000});
 * arithmetic on such a value can take minutes, a gigabyte, or throw. So magnitude is judged from
 * precision and scale alone, and a value is brought to its smallest non-negative scale before
 * anyone computes with it.
 */
final class ExactNumbers {
  private ExactNumbers() {}

  /**
   * The node's exact value, or empty if the parser could not keep it: Jackson stores a number
   * beyond a double's range as an infinite {@code DoubleNode} even when asked for BigDecimals
   * (non-numeric literals such as NaN are refused by the parser, so infinity means overflow).
   */
  static Optional<BigDecimal> exact(JsonNode number) {
    if (!number.isBigDecimal() && number.isFloatingPointNumber() && !Double.isFinite(number.doubleValue())) {
      return Optional.empty();
    }
    return Optional.of(number.decimalValue());
  }

  /** Digits before the decimal point, negative for values below 0.1; computed without arithmetic. */
  static long integerDigits(BigDecimal value) {
    return value.signum() == 0 ? 0 : (long) value.precision() - value.scale();
  }

  /**
   * {@code value} at the smallest scale from 0 to {@code maxScale} that holds it exactly, or empty
   * if it needs more decimal places. Callers bound the magnitude first (see {@link #integerDigits}),
   * which bounds the work here by the number's written length.
   */
  static Optional<BigDecimal> atMostScale(BigDecimal value, int maxScale) {
    if (value.signum() == 0) {
      return Optional.of(BigDecimal.ZERO);
    }
    if (integerDigits(value) <= -maxScale) {
      return Optional.empty(); // nonzero and below 10^-maxScale
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > maxScale) {
      return Optional.empty();
    }
    return Optional.of(stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped);
  }
}
