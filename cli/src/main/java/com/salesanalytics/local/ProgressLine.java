package com.salesanalytics.local;

import com.salesanalytics.pipelines.RunSummary;
import com.salesanalytics.transforms.SalesMetrics;

/** One progress line of a running demo. */
final class ProgressLine {
  private ProgressLine() {}

  static String of(RunSummary summary, long elapsedSeconds, double eventsPerSecond) {
    return String.format("[%02d:%02d:%02d] events in %,d | raw %,d | cleaned %,d | dead letters %,d"
            + " | duplicates %,d | %,.0f events/s",
        elapsedSeconds / 3600, elapsedSeconds / 60 % 60, elapsedSeconds % 60,
        summary.get(SalesMetrics.EVENTS_IN), summary.get(SalesMetrics.RAW_WRITTEN),
        summary.get(SalesMetrics.CLEANED_WRITTEN), summary.get(SalesMetrics.DEAD_LETTERS_WRITTEN),
        summary.get(SalesMetrics.DUPLICATES), eventsPerSecond);
  }
}
