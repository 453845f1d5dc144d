package com.salesanalytics.local;

import com.salesanalytics.pipelines.RunSummary;
import com.salesanalytics.transforms.SalesMetrics;

/** One progress line of a running demo. */
final class ProgressLine {
  private ProgressLine() {}

  /**
   * Counts so far, the rate events came in since the last line, how fresh the cleaned rows that
   * became visible since then were, and the process's memory.
   */
  static String of(RunSummary summary, long elapsedSeconds, double eventsPerSecond, Histogram.Summary freshness,
      ProcessMemory memory) {
    return String.format("[%02d:%02d:%02d] events in %,d | raw %,d | cleaned %,d | dead letters %,d"
            + " | duplicates %,d | %,.0f events/s | fresh %s | heap %s, RSS %s",
        elapsedSeconds / 3600, elapsedSeconds / 60 % 60, elapsedSeconds % 60,
        summary.get(SalesMetrics.EVENTS_IN), summary.get(SalesMetrics.RAW_WRITTEN),
        summary.get(SalesMetrics.CLEANED_WRITTEN), summary.get(SalesMetrics.DEAD_LETTERS_WRITTEN),
        summary.get(SalesMetrics.DUPLICATES), eventsPerSecond, freshness.text(),
        ProcessMemory.megabytes(memory.heapUsedBytes()), ProcessMemory.megabytes(memory.rssBytes()));
  }
}
