package com.salesanalytics.local;

import java.util.Locale;

/**
 * One line of {@code bench}'s report: a measured figure next to its reference from the same run,
 * their ratio, and the target that ratio (or the figure) is held to.
 *
 * @param what what was measured, e.g. "clean chain, project code, 1 core"
 * @param value the figure
 * @param unit its unit, e.g. "events/s"; higher is better unless {@code lowerIsBetter}
 * @param reference what it is compared with, or null when the figure stands alone
 * @param referenceValue the reference's figure in the same unit (ignored without a reference)
 * @param target the target in words, e.g. "≥ 0.7× the streaming loop"; null if none
 * @param met whether the target holds (null when there is no target)
 */
public record BenchFigure(String what, double value, String unit, String reference, double referenceValue,
    String target, Boolean met) {

  public static BenchFigure alone(String what, double value, String unit, String target, Boolean met) {
    return new BenchFigure(what, value, unit, null, Double.NaN, target, met);
  }

  public static BenchFigure against(String what, double value, String unit, String reference, double referenceValue,
      String target, Boolean met) {
    return new BenchFigure(what, value, unit, reference, referenceValue, target, met);
  }

  /** value / reference. */
  public double ratio() {
    return value / referenceValue;
  }

  /** One line, e.g. {@code clean chain: 190,000 events/s | vs streaming loop 240,000: 0.79x | target ≥ 0.7x: MET}. */
  public String line() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-44s %14s %s", what, number(value), unit));
    if (reference != null) {
      line.append(String.format(Locale.ROOT, " | %s %s: %.2fx", reference, number(referenceValue), ratio()));
    }
    if (target != null) {
      line.append(" | target ").append(target).append(": ").append(met == null ? "n/a" : met ? "MET" : "MISSED");
    }
    return line.toString();
  }

  /** Whole numbers with thousands separators; small ones (seconds, ratios) with two decimals. */
  private static String number(double value) {
    return Math.abs(value) < 100 && value != Math.rint(value)
        ? String.format(Locale.ROOT, "%.2f", value)
        : String.format(Locale.ROOT, "%,.0f", value);
  }
}
