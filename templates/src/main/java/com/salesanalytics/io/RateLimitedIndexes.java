package com.salesanalytics.io;

import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.splittabledofn.ManualWatermarkEstimator;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.WatermarkEstimators;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Indexes {@code first}, first + 1, ... (0 unless told) at a steady rate, as an unbounded stream
 * that ends before {@code count} (or never, for {@link Long#MAX_VALUE}), each stamped by
 * {@code timestampOf}, which must not decrease.
 *
 * <p>Unlike {@code GenerateSequence.to(n).withRate(...)}, which runners read as one bounded chunk,
 * output flows as it is produced. A splittable DoFn claims blocks of indexes (the DirectRunner
 * checkpoints an SDF every 100 outputs, so single indexes would cap the rate near 700/s) and a
 * plain DoFn expands them. Index i is due at start + (i - first) / rate, from a wall-clock start carried in
 * the element, so the rate holds however often the runner resumes the DoFn.
 */
public final class RateLimitedIndexes extends PTransform<PBegin, PCollection<Long>> {
  private static final Duration TICK = Duration.millis(100);
  private static final long MAX_BLOCK = 100;

  private final long first;
  private final long count;
  private final double perSecond;
  private final SerializableFunction<Long, Instant> timestampOf;

  public RateLimitedIndexes(long count, double perSecond, SerializableFunction<Long, Instant> timestampOf) {
    this(0, count, perSecond, timestampOf);
  }

  /** Indexes from {@code first} (a restart picks up where the last run ended) up to {@code count}. */
  public RateLimitedIndexes(long first, long count, double perSecond, SerializableFunction<Long, Instant> timestampOf) {
    if (first < 0 || first > count) {
      throw new IllegalArgumentException("first index " + first + " must lie in [0, " + count + "]");
    }
    this.first = first;
    this.count = count;
    this.perSecond = perSecond;
    this.timestampOf = timestampOf;
  }

  @Override
  public PCollection<Long> expand(PBegin begin) {
    long block = Math.max(1, Math.min(MAX_BLOCK, (long) (perSecond * TICK.getMillis() / 1000)));
    return begin
        .apply("Start", Impulse.create())
        .apply("StartClock", ParDo.of(new StartClockFn()))
        .setCoder(VarLongCoder.of())
        .apply("EmitBlocksAtRate", ParDo.of(new EmitBlocksFn(first, count, block, perSecond, timestampOf)))
        .setCoder(VarLongCoder.of())
        .apply("ExpandBlocks", ParDo.of(new ExpandBlockFn(count, block, timestampOf)))
        .setCoder(VarLongCoder.of());
  }

  /**
   * The wall-clock start, read where and when the source starts running. Read while the graph is
   * built (on a Flex Template's launcher VM, minutes before the workers start) the job would begin
   * behind schedule and catch up in bursts.
   */
  static final class StartClockFn extends DoFn<byte[], Long> {
    @ProcessElement
    public void process(OutputReceiver<Long> out) {
      out.output(System.currentTimeMillis());
    }
  }

  /** Emits the first index of each block when it is due; the watermark follows their timestamps. */
  @DoFn.UnboundedPerElement
  static final class EmitBlocksFn extends DoFn<Long, Long> {
    private final long first;
    private final long count;
    private final long block;
    private final double perSecond;
    private final SerializableFunction<Long, Instant> timestampOf;

    EmitBlocksFn(long first, long count, long block, double perSecond, SerializableFunction<Long, Instant> timestampOf) {
      this.first = first;
      this.count = count;
      this.block = block;
      this.perSecond = perSecond;
      this.timestampOf = timestampOf;
    }

    @GetInitialRestriction
    public OffsetRange blocks() {
      return new OffsetRange(0, count == Long.MAX_VALUE ? Long.MAX_VALUE : (count - first + block - 1) / block);
    }

    @GetInitialWatermarkEstimatorState
    public Instant initialWatermark() {
      return BoundedWindow.TIMESTAMP_MIN_VALUE;
    }

    @NewWatermarkEstimator
    public WatermarkEstimators.Manual newWatermarkEstimator(@WatermarkEstimatorState Instant state) {
      return new WatermarkEstimators.Manual(state);
    }

    @ProcessElement
    public ProcessContinuation process(@Element Long startMillis, RestrictionTracker<OffsetRange, Long> tracker,
        ManualWatermarkEstimator<Instant> watermark, OutputReceiver<Long> out) {
      long next = tracker.currentRestriction().getFrom();
      long dueIndexes = (long) ((System.currentTimeMillis() - startMillis) * perSecond / 1000.0);
      // At most a second's worth per call: a run that cannot keep up goes as fast as it can.
      long dueBlocks = Math.min(dueIndexes / block + 1 - next, Math.max(1, (long) perSecond / block));
      for (long i = 0; i < dueBlocks; i++, next++) {
        if (!tracker.tryClaim(next)) {
          return ProcessContinuation.stop();
        }
        long firstIndex = first + next * block;
        Instant timestamp = timestampOf.apply(firstIndex);
        out.outputWithTimestamp(firstIndex, timestamp);
        watermark.setWatermark(timestamp);
      }
      return ProcessContinuation.resume().withResumeDelay(TICK);
    }
  }

  /** A block's indexes, each with its own (later or equal) timestamp. */
  static final class ExpandBlockFn extends DoFn<Long, Long> {
    private final long count;
    private final long block;
    private final SerializableFunction<Long, Instant> timestampOf;

    ExpandBlockFn(long count, long block, SerializableFunction<Long, Instant> timestampOf) {
      this.count = count;
      this.block = block;
      this.timestampOf = timestampOf;
    }

    @ProcessElement
    public void process(@Element Long firstIndex, OutputReceiver<Long> out) {
      long end = Math.min(count, firstIndex + block);
      for (long index = firstIndex; index < end; index++) {
        out.outputWithTimestamp(index, timestampOf.apply(index));
      }
    }
  }
}
