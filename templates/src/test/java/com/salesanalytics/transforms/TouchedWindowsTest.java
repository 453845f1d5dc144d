package com.salesanalytics.transforms;

import com.salesanalytics.TestSales;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.TimeRange;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The windows a backfill recomputes: those its sales fall in, adjacent ones read as one range. */
public class TouchedWindowsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static CleanedSale saleAt(String id, String eventTime) {
    return TestSales.cleanedAt(id, Instant.parse(eventTime));
  }

  private static TimeRange range(String from, String to) {
    return new TimeRange(Instant.parse(from), Instant.parse(to));
  }

  @Test
  public void adjacentWindowsMergeAndAGapSplitsTheRanges() {
    PCollection<TimeRange> ranges = pipeline
        .apply(Create.of(saleAt("t-1", "2026-11-24T10:00:05Z"), saleAt("t-2", "2026-11-24T10:00:59.999Z"),
            saleAt("t-3", "2026-11-24T10:01:00Z"), saleAt("t-4", "2026-11-24T10:05:30Z")))
        .apply(new TouchedWindows(Duration.standardMinutes(1)));
    PAssert.that(ranges).containsInAnyOrder(
        range("2026-11-24T10:00:00Z", "2026-11-24T10:02:00Z"), range("2026-11-24T10:05:00Z", "2026-11-24T10:06:00Z"));
    pipeline.run();
  }

  @Test
  public void noSalesTouchNoWindow() {
    PCollection<TimeRange> ranges = pipeline
        .apply(Create.empty(org.apache.beam.sdk.coders.SerializableCoder.of(CleanedSale.class)))
        .apply(new TouchedWindows(Duration.standardMinutes(1)));
    PAssert.that(ranges).empty();
    pipeline.run();
  }
}
