package com.salesanalytics.transforms;

import com.salesanalytics.model.CleanedSale;
import java.util.Comparator;
import java.util.HashMap;
import java.util.OptionalLong;
import java.util.Map;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Keeps one sale per {@code transaction_id}. Pub/Sub delivers at least once and producers retry,
 * so the same transaction can arrive several times under different message ids.
 *
 * <ul>
 *   <li>{@link #within} (streaming): the first delivery wins; its id is remembered until the
 *       watermark passes its timestamp plus the window, so state stays bounded. A copy arriving
 *       later than that is treated as new.
 *   <li>{@link #acrossWholeInput} (batch): exactly one row per id over the whole input, chosen
 *       deterministically ({@link #PREFERRED}) so that a re-run picks the same one.
 * </ul>
 *
 * <p>{@link DedupeKeys} says how state is keyed: per transaction id (Dataflow: parallelism and
 * memory grow with the data) or by a fixed number of shards (the DirectRunner, which pays per key).
 */
public abstract class DedupeByTransactionId
    extends PTransform<PCollection<CleanedSale>, PCollectionTuple> {
  /** One sale per transaction id. */
  public static final TupleTag<CleanedSale> UNIQUE = new TupleTag<>() {};
  /**
   * The copies dropped, each with its own publish time, so the health table can account for every
   * message; streaming only: the batch dedupe counts its copies in the {@code duplicates} metric.
   */
  public static final TupleTag<CleanedSale> DUPLICATES = new TupleTag<>() {};

  /**
   * The first delivery: earliest publish time, then lowest message id, so that the choice never
   * depends on arrival order and a backfill keeps the copy streaming kept (and the unique view shows).
   */
  static final Comparator<CleanedSale> PREFERRED =
      Comparator.comparing(CleanedSale::publishTime).thenComparing(CleanedSale::messageId);

  /**
   * Expiry timers output nothing, so they must not hold the watermark back: by default a pending
   * event-time timer holds downstream at its time, which would stall windows after dedupe.
   */
  private static final Instant NO_HOLD = GlobalWindow.INSTANCE.maxTimestamp();

  final DedupeKeys keys;

  DedupeByTransactionId(DedupeKeys keys) {
    this.keys = keys;
  }

  public static DedupeByTransactionId within(Duration window, DedupeKeys keys) {
    return new WithinWindow(window, keys);
  }

  public static DedupeByTransactionId acrossWholeInput(DedupeKeys keys) {
    return new AcrossWholeInput(keys);
  }

  PCollection<KV<String, CleanedSale>> keyed(PCollection<CleanedSale> sales) {
    DedupeKeys stateKeys = keys;
    return sales
        .apply("KeyByTransactionId", WithKeys.of((CleanedSale s) -> stateKeys.keyOf(s.transactionId()))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), sales.getCoder()));
  }

  private static final class WithinWindow extends DedupeByTransactionId {
    private final Duration window;

    WithinWindow(Duration window, DedupeKeys keys) {
      super(keys);
      if (!window.isLongerThan(Duration.ZERO)) {
        throw new IllegalArgumentException("dedupe window must be positive, got " + window);
      }
      this.window = window;
    }

    @Override
    public PCollectionTuple expand(PCollection<CleanedSale> sales) {
      DoFn<KV<String, CleanedSale>, CleanedSale> keepFirst =
          keys.isPerTransaction() ? new KeepFirstPerIdFn(window) : new KeepFirstPerShardFn(window);
      PCollectionTuple out = keyed(sales)
          .apply("KeepFirstDelivery", ParDo.of(keepFirst).withOutputTags(UNIQUE, TupleTagList.of(DUPLICATES)));
      out.get(UNIQUE).setCoder(sales.getCoder());
      out.get(DUPLICATES).setCoder(sales.getCoder());
      return out;
    }
  }

  /** One key per id: a flag and one timer that clears it when the watermark passes first + window. */
  private static final class KeepFirstPerIdFn extends DoFn<KV<String, CleanedSale>, CleanedSale> {
    private final Duration window;
    private final Counter duplicates = SalesMetrics.counter(SalesMetrics.DUPLICATES);

    @StateId("seen")
    private final StateSpec<ValueState<Boolean>> seenSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    KeepFirstPerIdFn(Duration window) {
      this.window = window;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CleanedSale> keyed,
        @Timestamp Instant timestamp,
        @StateId("seen") ValueState<Boolean> seen,
        @TimerId("forget") Timer forget,
        MultiOutputReceiver out) {
      if (Boolean.TRUE.equals(seen.read())) {
        duplicates.inc();
        out.get(DUPLICATES).output(keyed.getValue());
        return;
      }
      seen.write(true);
      forget.withOutputTimestamp(NO_HOLD).set(timestamp.plus(window));
      out.get(UNIQUE).output(keyed.getValue());
    }

    @OnTimer("forget")
    public void onForget(@StateId("seen") ValueState<Boolean> seen) {
      seen.clear();
    }
  }

  /**
   * Many ids per key (the DirectRunner only): the ids of a shard with their first-seen times, held in
   * place ({@link InProcessStateCoder}: the DirectRunner would otherwise copy every id of the shard on
   * every bundle), forgotten by one sweep timer per shard once the watermark passes first-seen +
   * window (at most a tenth of the window later).
   */
  private static final class KeepFirstPerShardFn extends DoFn<KV<String, CleanedSale>, CleanedSale> {
    private final Duration window;
    /** Expiry runs at most this often per shard, so a sweep's cost is shared by many ids. */
    private final Duration sweepEvery;
    private final Counter duplicates = SalesMetrics.counter(SalesMetrics.DUPLICATES);

    @StateId("firstSeen")
    private final StateSpec<ValueState<SeenTransactionIds>> firstSeenSpec =
        StateSpecs.value(InProcessStateCoder.of());

    @StateId("nextSweep")
    private final StateSpec<ValueState<Instant>> nextSweepSpec = StateSpecs.value(InstantCoder.of());

    @TimerId("sweep")
    private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    KeepFirstPerShardFn(Duration window) {
      this.window = window;
      this.sweepEvery = Duration.millis(Math.max(1_000, window.getMillis() / 10));
    }

    @ProcessElement
    public void process(
        @Element KV<String, CleanedSale> keyed,
        @Timestamp Instant timestamp,
        @StateId("firstSeen") ValueState<SeenTransactionIds> firstSeenState,
        @StateId("nextSweep") ValueState<Instant> nextSweep,
        @TimerId("sweep") Timer sweep,
        MultiOutputReceiver out) {
      CleanedSale sale = keyed.getValue();
      SeenTransactionIds firstSeen = seenIds(firstSeenState);
      if (!firstSeen.addIfAbsent(sale.transactionId(), timestamp.getMillis())) {
        duplicates.inc();
        out.get(DUPLICATES).output(sale);
        return;
      }
      firstSeenState.write(firstSeen);
      Instant forgetAt = timestamp.plus(window);
      Instant scheduled = nextSweep.read();
      if (scheduled == null || forgetAt.isBefore(scheduled)) {
        sweep.withOutputTimestamp(NO_HOLD).set(forgetAt);
        nextSweep.write(forgetAt);
      }
      out.get(UNIQUE).output(sale);
    }

    @OnTimer("sweep")
    public void onSweep(
        OnTimerContext context,
        @StateId("firstSeen") ValueState<SeenTransactionIds> firstSeenState,
        @StateId("nextSweep") ValueState<Instant> nextSweep,
        @TimerId("sweep") Timer sweep) {
      // The firing time; context.timestamp() is the output timestamp, set far in the future (NO_HOLD).
      Instant now = context.fireTimestamp();
      SeenTransactionIds firstSeen = seenIds(firstSeenState);
      OptionalLong earliestLeft = firstSeen.forgetSeenBy(now.minus(window).getMillis());
      if (earliestLeft.isEmpty()) {
        firstSeenState.clear();
        nextSweep.clear();
        return;
      }
      firstSeenState.write(firstSeen);
      Instant earliestForget = new Instant(earliestLeft.getAsLong()).plus(window);
      Instant next = earliestForget.isAfter(now.plus(sweepEvery)) ? earliestForget : now.plus(sweepEvery);
      sweep.withOutputTimestamp(NO_HOLD).set(next);
      nextSweep.write(next);
    }
  }

  private static SeenTransactionIds seenIds(ValueState<SeenTransactionIds> state) {
    SeenTransactionIds stored = state.read();
    return stored == null ? new SeenTransactionIds() : stored;
  }

  private static final class AcrossWholeInput extends DedupeByTransactionId {
    AcrossWholeInput(DedupeKeys keys) {
      super(keys);
    }

    @Override
    public PCollectionTuple expand(PCollection<CleanedSale> sales) {
      PCollection<CleanedSale> unique = keys.isPerTransaction() ? preferredPerId(sales) : pickOnePerShard(sales);
      return PCollectionTuple.of(UNIQUE, unique)
          .and(DUPLICATES, sales.getPipeline().apply("CopiesAreCountedNotListed", Create.empty(sales.getCoder())));
    }

    /**
     * A combine per id: partial results are combined before the shuffle, and no worker ever holds
     * more than one id's copies, however large the day.
     */
    private PCollection<CleanedSale> preferredPerId(PCollection<CleanedSale> sales) {
      return keyed(sales)
          .apply("PreferredCopyPerId", Combine.perKey(new PreferredCopyFn()))
          .apply("KeepPreferredCopy", ParDo.of(new KeepPreferredFn()))
          .setCoder(sales.getCoder());
    }

    /**
     * A few keys holding many ids each (the DirectRunner pays per key), the copies grouped in
     * packs per bundle ({@link PackedGroupByKey}: the runner's per-element cost of a GroupByKey was
     * more than the rest of the backfill's dedupe).
     */
    private PCollection<CleanedSale> pickOnePerShard(PCollection<CleanedSale> sales) {
      return keyed(sales)
          .apply("GroupByIdShard", PackedGroupByKey.create())
          .apply("PickOnePerId", ParDo.of(new PickOneFn()))
          .setCoder(sales.getCoder());
    }
  }

  /** The preferred copy of one id and how many copies there were. */
  private static final class PreferredCopyFn
      extends Combine.CombineFn<CleanedSale, KV<CleanedSale, Long>, KV<CleanedSale, Long>> {
    @Override
    public KV<CleanedSale, Long> createAccumulator() {
      return KV.of(null, 0L);
    }

    @Override
    public KV<CleanedSale, Long> addInput(KV<CleanedSale, Long> chosen, CleanedSale sale) {
      return KV.of(preferred(chosen.getKey(), sale), chosen.getValue() + 1);
    }

    @Override
    public KV<CleanedSale, Long> mergeAccumulators(Iterable<KV<CleanedSale, Long>> accumulators) {
      CleanedSale best = null;
      long copies = 0;
      for (KV<CleanedSale, Long> a : accumulators) {
        best = preferred(best, a.getKey());
        copies += a.getValue();
      }
      return KV.of(best, copies);
    }

    @Override
    public KV<CleanedSale, Long> extractOutput(KV<CleanedSale, Long> chosen) {
      return chosen;
    }

    @Override
    public Coder<KV<CleanedSale, Long>> getAccumulatorCoder(CoderRegistry registry, Coder<CleanedSale> inputCoder) {
      return KvCoder.of(NullableCoder.of(inputCoder), VarLongCoder.of());
    }

    @Override
    public Coder<KV<CleanedSale, Long>> getDefaultOutputCoder(CoderRegistry registry, Coder<CleanedSale> inputCoder) {
      return getAccumulatorCoder(registry, inputCoder);
    }

  }

  /** The preferred of two copies of one sale (either may be null: none chosen yet). */
  static CleanedSale preferred(CleanedSale a, CleanedSale b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return PREFERRED.compare(a, b) <= 0 ? a : b;
  }

  private static final class KeepPreferredFn extends DoFn<KV<String, KV<CleanedSale, Long>>, CleanedSale> {
    private final Counter duplicates = SalesMetrics.counter(SalesMetrics.DUPLICATES);

    @ProcessElement
    public void process(@Element KV<String, KV<CleanedSale, Long>> perId, OutputReceiver<CleanedSale> out) {
      duplicates.inc(perId.getValue().getValue() - 1);
      out.output(perId.getValue().getKey());
    }
  }

  /** A shard's copies in memory, one preferred copy per id (the DirectRunner's local inputs only). */
  private static final class PickOneFn extends DoFn<KV<String, Iterable<CleanedSale>>, CleanedSale> {
    private final Counter duplicates = SalesMetrics.counter(SalesMetrics.DUPLICATES);

    @ProcessElement
    public void process(@Element KV<String, Iterable<CleanedSale>> shard, OutputReceiver<CleanedSale> out) {
      Map<String, CleanedSale> chosen = new HashMap<>();
      long copies = 0;
      for (CleanedSale sale : shard.getValue()) {
        copies++;
        chosen.merge(sale.transactionId(), sale, DedupeByTransactionId::preferred);
      }
      duplicates.inc(copies - chosen.size());
      chosen.values().forEach(out::output);
    }
  }
}
