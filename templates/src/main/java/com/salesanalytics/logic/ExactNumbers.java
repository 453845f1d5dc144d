package com.salesanalytics.logic;

import java.math.BigDecimal;
import java.math.BigInteger;
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
   * The number's exact value, or empty if the reader could not keep it: a number beyond a double's
   * range is held as an infinite Double, as Jackson's tree holds it (non-numeric literals such as
   * NaN are refused by the parser, so infinity means overflow). See {@link JsonValues}.
   */
  static Optional<BigDecimal> exact(Number number) {
    if (number instanceof BigDecimal decimal) {
      return Optional.of(decimal);
    }
    if (number instanceof BigInteger integer) {
      return Optional.of(new BigDecimal(integer));
    }
    if (number instanceof Double || number instanceof Float) {
      double value = number.doubleValue();
      return Double.isFinite(value) ? Optional.of(BigDecimal.valueOf(value)) : Optional.empty();
    }
    return Optional.of(BigDecimal.valueOf(number.longValue()));
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
