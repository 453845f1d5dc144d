package com.salesanalytics.transforms;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.TimeRangeCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
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
        .apply("WindowStart", MapElements.into(TypeDescriptors.longs())
            .via((CleanedSale s) -> KpiWindowing.startOf(s.eventTimestamp(), length).getMillis()))
        .setCoder(VarLongCoder.of())
        .apply("AllStarts", Combine.globally(new Starts()).withoutDefaults())
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
   * Collects the distinct window starts, sorted; combined per bundle before the shuffle, so each
   * start crosses it about once per bundle. A day of one-minute windows is 1,440 of them.
   */
  private static final class Starts extends Combine.CombineFn<Long, TreeSet<Long>, TreeSet<Long>> {
    @Override
    public TreeSet<Long> createAccumulator() {
      return new TreeSet<>();
    }

    @Override
    public TreeSet<Long> addInput(TreeSet<Long> starts, Long start) {
      starts.add(start);
      return starts;
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
    public Coder<TreeSet<Long>> getAccumulatorCoder(CoderRegistry registry, Coder<Long> input) {
      return STARTS;
    }
  }
}
