package com.salesanalytics.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.pipelines.RunSummary;
import com.salesanalytics.transforms.SalesMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's progress line, and bench reading it back from a demo in another process. */
class ProgressLineTest {
  private static final RunSummary COUNTS = new RunSummary(Map.of(
      SalesMetrics.EVENTS_IN, 1_234_567L, SalesMetrics.RAW_WRITTEN, 1_234_000L, SalesMetrics.CLEANED_WRITTEN, 1_100_000L,
      SalesMetrics.DEAD_LETTERS_WRITTEN, 61_000L, SalesMetrics.DUPLICATES, 37_000L));

  @Test
  void showsTheRateFreshnessAndMemory() {
    String line = ProgressLine.of(COUNTS, 3_725, 48_250.4, new Histogram.Summary(90_000, 420, 1_730),
        new ProcessMemory(300L << 20, 500L << 20, 900L << 20, 950L << 20));

    assertEquals("[01:02:05] events in 1,234,567 | raw 1,234,000 | cleaned 1,100,000 | dead letters 61,000"
        + " | duplicates 37,000 | 48,250 events/s | fresh p50 0.4 s, p99 1.7 s | heap 300 MB, RSS 900 MB", line);
  }

  @Test
  void benchReadsTheLineBack() {
    String line = ProgressLine.of(COUNTS, 65, 48_250.4, new Histogram.Summary(90_000, 420, 1_730),
        new ProcessMemory(300L << 20, 500L << 20, 900L << 20, 950L << 20));

    DemoProcess.Progress progress = DemoProcess.Progress.parse(line);

    assertEquals(new DemoProcess.Progress(65, 1_234_567, 1_234_000, 1_100_000, 61_000, 37_000, 0.4, 1.7, 300, 900),
        progress);
    assertEquals(1_198_000, progress.cleanedBranchDone());
  }

  @Test
  void aLineBeforeAnyRowIsVisibleHasNoFreshness() {
    String line = ProgressLine.of(COUNTS, 5, 0, new Histogram().summary(), new ProcessMemory(1L << 20, 1L << 20, 2L << 20, 2L << 20));

    DemoProcess.Progress progress = DemoProcess.Progress.parse(line);

    assertTrue(line.contains("| fresh - |"), line);
    assertTrue(Double.isNaN(progress.freshP99()));
    assertNull(DemoProcess.Progress.parse("demo DONE: events_in=5"));
  }
}
