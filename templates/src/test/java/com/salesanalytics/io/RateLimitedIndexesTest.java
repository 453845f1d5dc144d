package com.salesanalytics.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The simulator's clock: the rate holds from when the source starts running, not from when the graph was built. */
public class RateLimitedIndexesTest {
  private static final List<Long> ARRIVALS = new CopyOnWriteArrayList<>();

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final class RecordArrivalFn extends DoFn<Long, Void> {
    @ProcessElement
    public void process() {
      ARRIVALS.add(System.currentTimeMillis());
    }
  }

  @Test
  public void aSourceStartedLateStillEmitsAtItsRateInsteadOfCatchingUp() throws Exception {
    ARRIVALS.clear();
    // 40 indexes at 20/s take about two seconds from the first to the last.
    pipeline.apply(new RateLimitedIndexes(40, 20, i -> new Instant(i * 50)))
        .apply(ParDo.of(new RecordArrivalFn()));
    Thread.sleep(3_000); // a Flex Template job starts minutes after its graph is built on the launcher

    pipeline.run().waitUntilFinish();

    assertEquals(40, ARRIVALS.size());
    long spread = ARRIVALS.stream().mapToLong(Long::longValue).max().getAsLong()
        - ARRIVALS.stream().mapToLong(Long::longValue).min().getAsLong();
    // Started on time, the last is due 1.95 s after the first; started 3 s late, all were due at once.
    assertTrue("40 indexes at 20/s arrived within " + spread + " ms", spread >= 1_000);
  }
}
