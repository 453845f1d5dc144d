package com.salesanalytics.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void percentilesAreTheUpperEdgeOfTheBucketHoldingThatRank() {
    Histogram histogram = new Histogram();
    for (int i = 0; i < 98; i++) {
      histogram.add(120); // bucket 120-129 ms
    }
    histogram.add(1_500);
    histogram.add(4_000);

    Histogram.Summary summary = histogram.summary();

    assertEquals(100, summary.count());
    assertEquals(130, summary.p50Millis());
    assertEquals(1_510, summary.p99Millis(), "rank 99 of 100 is the 1.5 s value");
    assertEquals("p50 0.1 s, p99 1.5 s", summary.text());
  }

  @Test
  void anythingOlderThanTenMinutesCountsAsTenMinutes() {
    Histogram histogram = new Histogram();
    histogram.add(3_600_000);

    assertEquals(600_000, histogram.summary().p99Millis());
  }

  @Test
  void anEmptyHistogramSaysSo() {
    Histogram histogram = new Histogram();
    histogram.add(50);
    histogram.clear();

    assertEquals(new Histogram.Summary(0, -1, -1), histogram.summary());
    assertEquals("-", histogram.summary().text());
  }
}
