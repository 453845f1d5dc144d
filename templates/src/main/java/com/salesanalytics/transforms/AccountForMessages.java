package com.salesanalytics.transforms;

import com.salesanalytics.model.coders.PipelineHealthCoder;

import com.salesanalytics.model.Outcome;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.PipelineHealth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The pipeline-health rows: per window of publish time, how many messages came in and what became
 * of each, as the KPI windows do (same length, early results, lateness, a final result). Windows of
 * publish time, not event time, because every message has one (a dead letter may have no valid
 * event time) and because a backfill replays {@code sales_raw} by publish time: a window with
 * {@code dropped_late > 0} is the range to backfill.
 *
 * <p>An outcome is timestamped with its message's publish time, which is behind the watermark only
 * when Pub/Sub redelivers a message after a long stall; one more than the allowed lateness behind
 * is counted by Beam's {@code droppedDueToLateness} counter instead of a row.
 */
public class AccountForMessages extends PTransform<PCollection<long[]>, PCollection<PipelineHealth>> {
  private final KpiWindowing windowing;

  /** Sums the partial counts of {@link #counting} steps into one health row per window and pane. */
  public AccountForMessages(KpiWindowing windowing) {
    this.windowing = windowing;
  }

  /**
   * Counts each element as {@code outcome}, per window of publish time (its timestamp), within a
   * bundle: partial counts for {@link AccountForMessages}. Counting where the elements are, before
   * any windowing or Flatten, spares the DirectRunner several passes over every message.
   */
  public static <T> PTransform<PCollection<T>, PCollection<long[]>> counting(Outcome outcome, KpiWindowing windowing) {
    return counting(value -> outcome, windowing);
  }

  /** As {@link #counting(Outcome, KpiWindowing)}, for elements that are outcomes themselves. */
  public static PTransform<PCollection<Outcome>, PCollection<long[]>> countingEach(KpiWindowing windowing) {
    return counting(outcome -> outcome, windowing);
  }

  private static <T> PTransform<PCollection<T>, PCollection<long[]>> counting(
      SerializableFunction<T, Outcome> outcomeOf, KpiWindowing windowing) {
    return new PTransform<>() {
      @Override
      public PCollection<long[]> expand(PCollection<T> values) {
        return values.apply("CountPerBundle", ParDo.of(new CountPerBundleFn<>(outcomeOf, windowing.length())))
            .setCoder(new CountsCoder());
      }
    };
  }

  @Override
  public PCollection<PipelineHealth> expand(PCollection<long[]> partialCounts) {
    AfterProcessingTime afterDelay =
        AfterProcessingTime.pastFirstElementInPane().plusDelayOf(windowing.earlyFiringDelay());
    return partialCounts
        .apply("WindowsOfPublishTime", Window.<long[]>into(FixedWindows.of(windowing.length()))
            .triggering(AfterWatermark.pastEndOfWindow().withEarlyFirings(afterDelay).withLateFirings(afterDelay))
            .withAllowedLateness(windowing.allowedLateness(), Window.ClosingBehavior.FIRE_ALWAYS)
            .accumulatingFiredPanes())
        .apply("CountEachOutcome", Combine.globally(new SumCountsFn()).withoutDefaults())
        .apply("ToHealthRow", ParDo.of(new ToHealthRowFn()))
        .setCoder(PipelineHealthCoder.of());
  }

  /**
   * Counts per outcome (indexed by ordinal) of each publish-time window the bundle touched, output
   * when the bundle ends at the window's last instant, so that windowing them afterwards puts each
   * in its window. The DirectRunner does not lift combiners: without this its GroupByKey would keep
   * every outcome of a window and copy them all on every bundle (most of the demo's time once).
   */
  static final class CountPerBundleFn<T> extends DoFn<T, long[]> {
    private final SerializableFunction<T, Outcome> outcomeOf;
    private final Duration windowLength;
    private transient Map<Long, long[]> countsByWindowStart;

    CountPerBundleFn(SerializableFunction<T, Outcome> outcomeOf, Duration windowLength) {
      this.outcomeOf = outcomeOf;
      this.windowLength = windowLength;
    }

    @StartBundle
    public void startBundle() {
      countsByWindowStart = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element T value, @Timestamp Instant timestamp) {
      long start = KpiWindowing.startOf(timestamp, windowLength).getMillis();
      countsByWindowStart.computeIfAbsent(start, s -> new long[Outcome.values().length])[outcomeOf.apply(value).ordinal()]++;
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      countsByWindowStart.forEach((start, counts) -> context.output(counts,
          new Instant(start).plus(windowLength).minus(Duration.millis(1)), GlobalWindow.INSTANCE));
      countsByWindowStart = null;
    }
  }

  /** Adds counts per outcome. */
  static final class SumCountsFn extends Combine.CombineFn<long[], long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[Outcome.values().length];
    }

    @Override
    public long[] addInput(long[] total, long[] counts) {
      for (int i = 0; i < total.length; i++) {
        total[i] += counts[i];
      }
      return total;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accumulators) {
      long[] merged = createAccumulator();
      accumulators.forEach(counts -> addInput(merged, counts));
      return merged;
    }

    @Override
    public long[] extractOutput(long[] counts) {
      return counts;
    }

    @Override
    public Coder<long[]> getAccumulatorCoder(CoderRegistry registry, Coder<long[]> inputCoder) {
      return new CountsCoder();
    }

    @Override
    public Coder<long[]> getDefaultOutputCoder(CoderRegistry registry, Coder<long[]> inputCoder) {
      return new CountsCoder();
    }
  }

  /** One count per outcome, as variable-length longs. */
  static final class CountsCoder extends AtomicCoder<long[]> {
    private static final VarLongCoder COUNT = VarLongCoder.of();

    @Override
    public void encode(long[] counts, OutputStream out) throws IOException {
      for (long count : counts) {
        COUNT.encode(count, out);
      }
    }

    @Override
    public long[] decode(InputStream in) throws IOException {
      long[] counts = new long[Outcome.values().length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = COUNT.decode(in);
      }
      return counts;
    }
  }

  private static final class ToHealthRowFn extends DoFn<long[], PipelineHealth> {
    @ProcessElement
    public void process(@Element long[] counts, BoundedWindow window, PaneInfo pane,
        OutputReceiver<PipelineHealth> out) {
      IntervalWindow interval = (IntervalWindow) window;
      out.output(new PipelineHealth(interval.start(), interval.end(), count(counts, Outcome.EVENT_IN),
          count(counts, Outcome.CLEANED), count(counts, Outcome.DEAD_LETTERED), count(counts, Outcome.DUPLICATE),
          count(counts, Outcome.DROPPED_LATE), timing(pane), pane.isLast(), pane.getIndex(), Instant.now()));
    }

    private static long count(long[] counts, Outcome outcome) {
      return counts[outcome.ordinal()];
    }

    private static PaneTiming timing(PaneInfo pane) {
      return switch (pane.getTiming()) {
        case EARLY -> PaneTiming.EARLY;
        case LATE -> PaneTiming.LATE;
        case ON_TIME, UNKNOWN -> PaneTiming.ON_TIME;
      };
    }
  }
}
