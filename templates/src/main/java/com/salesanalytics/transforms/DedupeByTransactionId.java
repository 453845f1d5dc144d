package com.salesanalytics.transforms;

import com.salesanalytics.model.CleanedSale;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Keeps one sale per {@code transaction_id}. Pub/Sub delivers at least once and producers retry,
 * so the same transaction can arrive several times under different message ids.
 *
 * <ul>
 *   <li>{@link #within} (streaming): the first delivery wins; its id is remembered until the
 *       watermark passes its timestamp plus the window (and at most a tenth of the window more),
 *       so state stays bounded. A copy arriving later than that is treated as new.
 *   <li>{@link #acrossWholeInput} (batch): exactly one row per id over the whole input, chosen
 *       deterministically so that a re-run picks the same one.
 * </ul>
 *
 * <p>State is keyed by a shard of the id rather than the id itself: a fixed number of keys, each
 * holding many ids. That caps the step's parallelism at the shard count, and in exchange keeps
 * runners that pay per key (the DirectRunner builds an evaluator for every key's bundle, so per-id
 * keys run at ~100 events/s here) fast, and makes expiry one timer per shard, not per id.
 */
public abstract class DedupeByTransactionId
    extends PTransform<PCollection<CleanedSale>, PCollection<CleanedSale>> {

  final int shards;

  DedupeByTransactionId(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("dedupe shards must be at least 1, got " + shards);
    }
    this.shards = shards;
  }

  public static DedupeByTransactionId within(Duration window, int shards) {
    return new WithinWindow(window, shards);
  }

  public static DedupeByTransactionId acrossWholeInput(int shards) {
    return new AcrossWholeInput(shards);
  }

  PCollection<KV<Integer, CleanedSale>> keyedByShard(PCollection<CleanedSale> sales) {
    int shardCount = shards;
    return sales
        .apply("KeyByIdShard", WithKeys.of((CleanedSale s) -> Math.floorMod(s.transactionId().hashCode(), shardCount))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), sales.getCoder()));
  }

  private static final class WithinWindow extends DedupeByTransactionId {
    private final Duration window;

    WithinWindow(Duration window, int shards) {
      super(shards);
      if (!window.isLongerThan(Duration.ZERO)) {
        throw new IllegalArgumentException("dedupe window must be positive, got " + window);
      }
      this.window = window;
    }

    @Override
    public PCollection<CleanedSale> expand(PCollection<CleanedSale> sales) {
      return keyedByShard(sales)
          .apply("KeepFirstDelivery", ParDo.of(new KeepFirstFn(window)))
          .setCoder(sales.getCoder());
    }
  }

  private static final class KeepFirstFn extends DoFn<KV<Integer, CleanedSale>, CleanedSale> {
    /**
     * The sweep outputs nothing, so it must not hold the watermark back: by default a pending
     * timer holds downstream at its time, which would stall windows and batching after dedupe.
     */
    private static final Instant NO_HOLD = GlobalWindow.INSTANCE.maxTimestamp();
    private final Duration window;
    /** Expiry runs at most this often per shard, so a sweep's cost is shared by many ids. */
    private final Duration sweepEvery;
    private final Counter duplicates = SalesMetrics.counter(SalesMetrics.DUPLICATES);

    @StateId("firstSeen")
    private final StateSpec<MapState<String, Instant>> firstSeenSpec =
        StateSpecs.map(StringUtf8Coder.of(), InstantCoder.of());

    @StateId("nextSweep")
    private final StateSpec<ValueState<Instant>> nextSweepSpec = StateSpecs.value(InstantCoder.of());

    @TimerId("sweep")
    private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    KeepFirstFn(Duration window) {
      this.window = window;
      this.sweepEvery = Duration.millis(Math.max(1_000, window.getMillis() / 10));
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, CleanedSale> keyed,
        @Timestamp Instant timestamp,
        @StateId("firstSeen") MapState<String, Instant> firstSeen,
        @StateId("nextSweep") ValueState<Instant> nextSweep,
        @TimerId("sweep") Timer sweep,
        OutputReceiver<CleanedSale> out) {
      CleanedSale sale = keyed.getValue();
      if (firstSeen.get(sale.transactionId()).read() != null) {
        duplicates.inc();
        return;
      }
      firstSeen.put(sale.transactionId(), timestamp);
      Instant forgetAt = timestamp.plus(window);
      Instant scheduled = nextSweep.read();
      if (scheduled == null || forgetAt.isBefore(scheduled)) {
        sweep.withOutputTimestamp(NO_HOLD).set(forgetAt);
        nextSweep.write(forgetAt);
      }
      out.output(sale);
    }

    @OnTimer("sweep")
    public void onSweep(
        OnTimerContext context,
        @StateId("firstSeen") MapState<String, Instant> firstSeen,
        @StateId("nextSweep") ValueState<Instant> nextSweep,
        @TimerId("sweep") Timer sweep) {
      Instant now = context.timestamp();
      Instant earliestLeft = null;
      for (Map.Entry<String, Instant> entry : firstSeen.entries().read()) {
        Instant forgetAt = entry.getValue().plus(window);
        if (!forgetAt.isAfter(now)) {
          firstSeen.remove(entry.getKey());
        } else if (earliestLeft == null || forgetAt.isBefore(earliestLeft)) {
          earliestLeft = forgetAt;
        }
      }
      if (earliestLeft == null) {
        nextSweep.clear();
        return;
      }
      Instant next = earliestLeft.isAfter(now.plus(sweepEvery)) ? earliestLeft : now.plus(sweepEvery);
      sweep.withOutputTimestamp(NO_HOLD).set(next);
      nextSweep.write(next);
    }
  }

  private static final class AcrossWholeInput extends DedupeByTransactionId {
    AcrossWholeInput(int shards) {
      super(shards);
    }

    @Override
    public PCollection<CleanedSale> expand(PCollection<CleanedSale> sales) {
      return keyedByShard(sales)
          .apply("GroupByIdShard", GroupByKey.create())
          .apply("PickOnePerId", ParDo.of(new PickOneFn()))
          .setCoder(sales.getCoder());
    }
  }

  private static final class PickOneFn extends DoFn<KV<Integer, Iterable<CleanedSale>>, CleanedSale> {
    /** Earliest event first; the full value breaks ties so the choice never depends on order. */
    private static final Comparator<CleanedSale> PREFERRED =
        Comparator.comparing(CleanedSale::eventTimestamp).thenComparing(CleanedSale::toString);

    private final Counter duplicates = SalesMetrics.counter(SalesMetrics.DUPLICATES);

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<CleanedSale>> shard, OutputReceiver<CleanedSale> out) {
      Map<String, CleanedSale> chosen = new HashMap<>();
      long copies = 0;
      for (CleanedSale sale : shard.getValue()) {
        copies++;
        chosen.merge(sale.transactionId(), sale, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
      }
      duplicates.inc(copies - chosen.size());
      chosen.values().forEach(out::output);
    }
  }
}
