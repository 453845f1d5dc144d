package com.salesanalytics.io;

import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.values.PCollectionList;

import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The simulator as an in-process source: an unbounded, rate-limited stream of messages whose
 * element timestamps are their simulated publish times. With {@code maxEvents > 0} it ends after
 * that many, otherwise it runs until cancelled.
 */
public final class SimulatorSource extends PTransform<PBegin, PCollection<RawMessage>> {
  public static final Map<String, String> ATTRIBUTES = Map.of("source", "sales-simulator");

  /**
   * Told the index of each event as it is created, in the process that creates it: how the demo
   * measures freshness (event creation to row visible). Runs once per event, so it must be cheap.
   */
  public interface CreationListener extends Serializable {
    CreationListener NONE = index -> { };

    void created(long index);
  }

  private final SaleGenerator generator;
  private final long maxEvents;
  private final boolean rateLimited;
  private final CreationListener onCreated;
  private final List<Long> earlier;
  private final long first;

  private SimulatorSource(SaleGenerator generator, long maxEvents, boolean rateLimited, CreationListener onCreated,
      List<Long> earlier, long first) {
    this.generator = generator;
    this.maxEvents = maxEvents;
    this.rateLimited = rateLimited;
    this.onCreated = onCreated;
    this.earlier = List.copyOf(earlier);
    this.first = first;
  }

  private SimulatorSource(SaleGenerator generator, long maxEvents, boolean rateLimited, CreationListener onCreated) {
    this(generator, maxEvents, rateLimited, onCreated, List.of(), 0);
  }

  /** Events at the configured rate, like a live store network. */
  public static SimulatorSource live(SaleGenerator generator, long maxEvents) {
    return live(generator, maxEvents, CreationListener.NONE);
  }

  /** Events at the configured rate, each reported to {@code onCreated} as it is made. */
  public static SimulatorSource live(SaleGenerator generator, long maxEvents, CreationListener onCreated) {
    return new SimulatorSource(generator, maxEvents, true, onCreated);
  }

  /**
   * A restarted live run: the events {@code earlier} (indexes below {@code first} the last run did
   * not finish), then from {@code first} at the configured rate, up to {@code maxEvents} (0: no end).
   */
  public static SimulatorSource resumed(SaleGenerator generator, long maxEvents, CreationListener onCreated,
      List<Long> earlier, long first) {
    return new SimulatorSource(generator, maxEvents, true, onCreated, earlier, first);
  }

  /** {@code count} events as fast as possible, as a bounded input (files, tests). */
  public static SimulatorSource bounded(SaleGenerator generator, long count) {
    return new SimulatorSource(generator, count, false, CreationListener.NONE);
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    PCollection<Long> indexes;
    if (rateLimited) {
      long end = maxEvents > 0 ? maxEvents : Long.MAX_VALUE;
      indexes = begin.apply("EmitIndexesAtRate", new RateLimitedIndexes(
          Math.min(first, end), end, generator.config().eventsPerSecond(), generator::publishTime));
      if (!earlier.isEmpty()) {
        // Not rate-limited: they are behind schedule already, and few (what was in flight at a crash).
        PCollection<Long> unfinished = begin
            .apply("UnfinishedEarlier", Create.of(earlier).withCoder(VarLongCoder.of()))
            .apply("AtTheirPublishTimes", WithTimestamps.<Long>of(generator::publishTime));
        indexes = PCollectionList.of(unfinished).and(indexes).apply("UnfinishedThenOnwards", Flatten.pCollections());
      }
    } else {
      indexes = begin.apply("GenerateIndexes", GenerateSequence.from(0).to(maxEvents));
    }
    return indexes
        .apply("SimulateSales", ParDo.of(new ToMessageFn(generator, onCreated)))
        .setCoder(RawMessageCoder.of());
  }

  private static class ToMessageFn extends DoFn<Long, RawMessage> {
    private final SaleGenerator generator;
    private final CreationListener onCreated;

    ToMessageFn(SaleGenerator generator, CreationListener onCreated) {
      this.generator = generator;
      this.onCreated = onCreated;
    }

    @ProcessElement
    public void process(@Element Long index, OutputReceiver<RawMessage> out) {
      onCreated.created(index);
      SimulatedEvent event = generator.event(index);
      out.outputWithTimestamp(
          new RawMessage(event.payload().getBytes(StandardCharsets.UTF_8), event.messageId(),
              event.publishTime(), ATTRIBUTES),
          event.publishTime());
    }
  }
}
