package com.salesanalytics.io;

import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

  private SimulatorSource(SaleGenerator generator, long maxEvents, boolean rateLimited, CreationListener onCreated) {
    this.generator = generator;
    this.maxEvents = maxEvents;
    this.rateLimited = rateLimited;
    this.onCreated = onCreated;
  }

  /** Events at the configured rate, like a live store network. */
  public static SimulatorSource live(SaleGenerator generator, long maxEvents) {
    return live(generator, maxEvents, CreationListener.NONE);
  }

  /** Events at the configured rate, each reported to {@code onCreated} as it is made. */
  public static SimulatorSource live(SaleGenerator generator, long maxEvents, CreationListener onCreated) {
    return new SimulatorSource(generator, maxEvents, true, onCreated);
  }

  /** {@code count} events as fast as possible, as a bounded input (files, tests). */
  public static SimulatorSource bounded(SaleGenerator generator, long count) {
    return new SimulatorSource(generator, count, false, CreationListener.NONE);
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    PCollection<Long> indexes;
    if (rateLimited) {
      indexes = begin.apply("EmitIndexesAtRate", new RateLimitedIndexes(
          maxEvents > 0 ? maxEvents : Long.MAX_VALUE, generator.config().eventsPerSecond(), generator::publishTime));
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
