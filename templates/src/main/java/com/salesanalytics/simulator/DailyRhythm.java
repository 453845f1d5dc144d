package com.salesanalytics.simulator;

/**
 * When in the day sales happen: quiet at night, a morning ramp, a lunch peak and an after-work
 * peak. Maps the k-th of n events in a day to its minute by inverting the cumulative curve, so event
 * times are a pure function of the event's index.
 */
final class DailyRhythm {
  private static final int MINUTES = 24 * 60;
  /** Relative sales intensity per hour of day (UTC). */
  private static final double[] HOURLY = {
    0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25, 0.55, 0.80, 0.90, 1.00, 1.30,
    1.80, 1.60, 1.10, 1.00, 1.20, 1.70, 1.90, 1.50, 1.00, 0.60, 0.30, 0.12
  };
  private static final double[] CUMULATIVE = new double[MINUTES + 1];

  static {
    for (int minute = 0; minute < MINUTES; minute++) {
      CUMULATIVE[minute + 1] = CUMULATIVE[minute] + HOURLY[minute / 60];
    }
    double total = CUMULATIVE[MINUTES];
    for (int i = 0; i <= MINUTES; i++) {
      CUMULATIVE[i] /= total;
    }
  }

  private DailyRhythm() {}

  /** Milliseconds into the day for a fraction (0 ≤ f < 1) of the day's events. */
  static long millisIntoDay(double fraction) {
    int lo = 0;
    int hi = MINUTES;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (CUMULATIVE[mid] <= fraction) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double within = (fraction - CUMULATIVE[lo]) / (CUMULATIVE[lo + 1] - CUMULATIVE[lo]);
    return (long) ((lo + within) * 60_000);
  }

}
