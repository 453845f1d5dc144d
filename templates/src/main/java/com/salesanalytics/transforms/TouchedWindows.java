package com.salesanalytics.transforms;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.TimeRangeCoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The event-time KPI windows that hold at least one of the sales, as few ranges as possible:
 * adjacent windows are merged, so a day of sales is one range to read back, not 1,440.
 */
public class TouchedWindows extends PTransform<PCollection<CleanedSale>, PCollection<TimeRange>> {
  private final Duration windowLength;

  public TouchedWindows(Duration windowLength) {
    this.windowLength = windowLength;
  }

  @Override
  public PCollection<TimeRange> expand(PCollection<CleanedSale> sales) {
    Duration length = windowLength;
    return sales
        .apply("WindowStartsPerBundle", ParDo.of(new StartsPerBundleFn(length)))
        .setCoder(STARTS)
        .apply("AllStarts", Combine.globally(new MergeStarts()).withoutDefaults())
        .setCoder(STARTS)
        .apply("MergeAdjacent", FlatMapElements.into(TypeDescriptor.of(TimeRange.class))
            .via((SerializableFunction<TreeSet<Long>, List<TimeRange>>) starts -> merge(starts, length.getMillis())))
        .setCoder(TimeRangeCoder.of());
  }

  /** Sorted window starts to ranges [first start, last start + length) of adjacent windows. */
  static List<TimeRange> merge(TreeSet<Long> starts, long length) {
    List<TimeRange> ranges = new ArrayList<>();
    Long from = null;
    long to = 0;
    for (long start : starts) {
      if (from != null && start != to) {
        ranges.add(new TimeRange(new Instant(from), new Instant(to)));
        from = null;
      }
      if (from == null) {
        from = start;
      }
      to = start + length;
    }
    if (from != null) {
      ranges.add(new TimeRange(new Instant(from), new Instant(to)));
    }
    return ranges;
  }

  /** A sorted set of window starts, encoded as the list of them. */
  private static final Coder<TreeSet<Long>> STARTS =
      DelegateCoder.of(ListCoder.of(VarLongCoder.of()), ArrayList::new, TreeSet::new);

  /**
   * The distinct window starts of a bundle's sales, one sorted set per bundle and window, so that
   * about one element per bundle reaches the combine (the DirectRunner does not combine before
   * its shuffle, and pays per element there: a day's sales were a million Longs).
   */
  private static final class StartsPerBundleFn extends DoFn<CleanedSale, TreeSet<Long>> {
    private final Duration length;
    private transient Map<BoundedWindow, TreeSet<Long>> starts;

    StartsPerBundleFn(Duration length) {
      this.length = length;
    }

    @StartBundle
    public void startBundle() {
      starts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element CleanedSale sale, BoundedWindow window) {
      starts.computeIfAbsent(window, w -> new TreeSet<>()).add(KpiWindowing.startOf(sale.eventTimestamp(), length).getMillis());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      starts.forEach((window, windowStarts) -> context.output(windowStarts, window.maxTimestamp(), window));
      starts = null;
    }
  }

  /** Merges sets of window starts into one sorted set. */
  private static final class MergeStarts extends Combine.CombineFn<TreeSet<Long>, TreeSet<Long>, TreeSet<Long>> {
    @Override
    public TreeSet<Long> createAccumulator() {
      return new TreeSet<>();
    }

    @Override
    public TreeSet<Long> addInput(TreeSet<Long> merged, TreeSet<Long> starts) {
      merged.addAll(starts);
      return merged;
    }

    @Override
    public TreeSet<Long> mergeAccumulators(Iterable<TreeSet<Long>> all) {
      TreeSet<Long> merged = new TreeSet<>();
      all.forEach(merged::addAll);
      return merged;
    }

    @Override
    public TreeSet<Long> extractOutput(TreeSet<Long> starts) {
      return starts;
    }

    @Override
    public Coder<TreeSet<Long>> getAccumulatorCoder(CoderRegistry registry, Coder<TreeSet<Long>> input) {
      return STARTS;
    }

    @Override
    public Coder<TreeSet<Long>> getDefaultOutputCoder(CoderRegistry registry, Coder<TreeSet<Long>> input) {
      return STARTS;
    }
  }
}
