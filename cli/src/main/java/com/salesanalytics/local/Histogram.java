package com.salesanalytics.local;

import java.util.Arrays;
import java.util.Locale;

/** Durations in 10 ms buckets up to ten minutes (longer ones count as ten minutes): percentiles without keeping samples. */
public final class Histogram {
  static final long BUCKET_MILLIS = 10;
  static final long MAX_MILLIS = 600_000;
  private final long[] counts = new long[(int) (MAX_MILLIS / BUCKET_MILLIS) + 1];
  private long total;

  public void add(long millis) {
    counts[(int) (Math.min(Math.max(millis, 0), MAX_MILLIS) / BUCKET_MILLIS)]++;
    total++;
  }

  public void clear() {
    Arrays.fill(counts, 0);
    total = 0;
  }

  public Summary summary() {
    return new Summary(total, percentile(0.50), percentile(0.99));
  }

  /** The upper edge of the bucket holding the p-th value: never lower than the true percentile. */
  long percentile(double p) {
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (int bucket = 0; bucket < counts.length; bucket++) {
      seen += counts[bucket];
      if (seen >= rank) {
        return Math.min((bucket + 1) * BUCKET_MILLIS, MAX_MILLIS);
      }
    }
    return MAX_MILLIS;
  }

  /** How many values, and their median and 99th percentile in ms (-1 when there are none). */
  public record Summary(long count, long p50Millis, long p99Millis) {
    public String text() {
      return count == 0 ? "-" : String.format(Locale.ROOT, "p50 %.1f s, p99 %.1f s", p50Millis / 1000.0, p99Millis / 1000.0);
    }
  }
}
