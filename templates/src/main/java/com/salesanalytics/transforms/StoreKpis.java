package com.salesanalytics.transforms;

import com.salesanalytics.logic.KpiTotals;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.Outcome;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.coders.OutcomeCoder;
import com.salesanalytics.model.coders.StoreKpiCoder;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * Real-time KPIs per store, event-time window and currency ({@link #KPIS}), and what became of each
 * sale ({@link #OUTCOMES}: counted in the KPIs, or dropped as too late).
 *
 * <p>Windows, triggers and lateness are kept by hand in one stateful step per store rather than by
 * Beam's {@code Window.into(...).triggering(...)}: a GroupByKey drops data past the allowed
 * lateness silently (a runner counter, not an element), but every sale must be accounted for, so
 * the step that decides a sale is too late is the step that counts it. Per store it knows how far
 * the watermark has come from its own event-time timers, and a sale whose window closed before it
 * arrived is dropped from the KPIs (it is in {@code sales_cleaned} and {@code sales_raw}, and a
 * backfill of its range recomputes the window). Results follow Beam's accumulating panes: EARLY
 * (at most every early-firing delay while the window changes), ON_TIME (when the watermark passes
 * the window's end), LATE (corrections), and a final one ({@code is_final}) when the allowed
 * lateness has passed. A store with no sales in a window has no row for it.
 */
public class StoreKpis extends PTransform<PCollection<CleanedSale>, PCollectionTuple> {
  public static final TupleTag<StoreKpi> KPIS = new TupleTag<>() {};
  public static final TupleTag<Outcome> OUTCOMES = new TupleTag<>() {};

  private final KpiWindowing windowing;
  private final KpiKeys keys;

  /** State per store, as distributed runners need. */
  public StoreKpis(KpiWindowing windowing) {
    this(windowing, KpiKeys.perStore());
  }

  public StoreKpis(KpiWindowing windowing, KpiKeys keys) {
    this.windowing = windowing;
    this.keys = keys;
  }

  @Override
  public PCollectionTuple expand(PCollection<CleanedSale> sales) {
    KpiKeys stateKeys = keys;
    // State must span every event-time window; sales that are in the global window already (all of
    // ours: sources do not window) skip the re-windowing step, which would cost the DirectRunner a
    // pass over every sale.
    PCollection<CleanedSale> global = sales.getWindowingStrategy().getWindowFn() instanceof GlobalWindows
        ? sales
        : sales.apply("IntoOneStatePerStore", Window.<CleanedSale>into(new GlobalWindows()));
    PCollectionTuple out = global
        .apply("KeyByStore", WithKeys.of((CleanedSale s) -> stateKeys.keyOf(s.storeId()))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), sales.getCoder()))
        .apply("WindowedKpisPerStore",
            ParDo.of(new WindowedKpisFn(windowing, keys)).withOutputTags(KPIS, TupleTagList.of(OUTCOMES)));
    out.get(KPIS).setCoder(StoreKpiCoder.of());
    out.get(OUTCOMES).setCoder(OutcomeCoder.of());
    return out;
  }

  /** One window of one store: totals per currency and where its results stand. */
  static final class OpenWindow implements Serializable {
    final Map<String, KpiTotals> byCurrency = new TreeMap<>();
    long nextPane;
    boolean onTimeEmitted;
    boolean changedSinceLastResult;
    boolean lateSinceOnTime;

    OpenWindow(boolean onTimePassed) {
      this.onTimeEmitted = onTimePassed;
    }

    // Identity is enough for state; declared so that SerializableCoder does not warn on every run.
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** The open windows of the stores under one state key: by store, then by window start (millis). */
  static final class OpenWindows implements Serializable {
    final Map<String, Map<Long, OpenWindow>> byStore = new TreeMap<>();

    // Identity, as InProcessStateCoder needs; declared so that SerializableCoder does not warn on every run.
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  static final class WindowedKpisFn extends DoFn<KV<String, CleanedSale>, StoreKpi> {
    private final KpiWindowing windowing;
    private final Counter droppedLate = SalesMetrics.counter(SalesMetrics.DROPPED_LATE);

    /**
     * The key's open windows. One value rather than a MapState: Dataflow's Runner v2 refuses MapState
     * in Java streaming jobs (https://cloud.google.com/dataflow/docs/runner-v2), and a store has only
     * the windows of the allowed lateness open.
     */
    @StateId("open")
    private final StateSpec<ValueState<OpenWindows>> openSpec;

    /** The latest event-timer firing: the watermark has passed it, so windows closing by then are closed. */
    @StateId("watermarkPassed")
    private final StateSpec<ValueState<Instant>> watermarkPassedSpec = StateSpecs.value(InstantCoder.of());

    @StateId("nextDue")
    private final StateSpec<ValueState<Instant>> nextDueSpec = StateSpecs.value(InstantCoder.of());

    @StateId("flushPending")
    private final StateSpec<ValueState<Boolean>> flushPendingSpec = StateSpecs.value(BooleanCoder.of());

    /** On-time and final results, at the earliest moment one of the store's windows needs one. */
    @TimerId("due")
    private final TimerSpec dueSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    /** Early and late results, a delay of processing time after a window changed. */
    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    WindowedKpisFn(KpiWindowing windowing, KpiKeys keys) {
      this.windowing = windowing;
      this.openSpec = StateSpecs.value(
          keys.isPerStore() ? SerializableCoder.of(OpenWindows.class) : InProcessStateCoder.<OpenWindows>of());
    }

    @ProcessElement
    public void process(
        @Element KV<String, CleanedSale> keyed,
        @Timestamp Instant timestamp,
        @StateId("open") ValueState<OpenWindows> openState,
        @StateId("watermarkPassed") ValueState<Instant> watermarkPassed,
        @StateId("nextDue") ValueState<Instant> nextDue,
        @StateId("flushPending") ValueState<Boolean> flushPending,
        @TimerId("due") Timer due,
        @TimerId("flush") Timer flush,
        MultiOutputReceiver out) {
      CleanedSale sale = keyed.getValue();
      Instant start = windowing.startOf(sale.eventTimestamp());
      Instant passed = watermarkPassed.read();
      if (passed != null && !windowing.closeTime(start).isAfter(passed)) {
        droppedLate.inc();
        out.get(OUTCOMES).output(Outcome.DROPPED_LATE);
        return;
      }
      OpenWindows open = openWindows(openState);
      OpenWindow window = open.byStore.computeIfAbsent(sale.storeId(), store -> new HashMap<>()).computeIfAbsent(start.getMillis(),
          s -> new OpenWindow(passed != null && !windowing.maxTimestamp(start).isAfter(passed)));
      window.byCurrency.computeIfAbsent(sale.currency(), c -> new KpiTotals()).add(sale);
      window.changedSinceLastResult = true;
      window.lateSinceOnTime |= window.onTimeEmitted;
      openState.write(open);
      out.get(OUTCOMES).output(Outcome.CLEANED);

      Instant windowDue = dueTime(start, window);
      Instant scheduled = nextDue.read();
      if (scheduled == null || windowDue.isBefore(scheduled)) {
        // A timer's hold may not be earlier than the element's timestamp (its publish time).
        due.withOutputTimestamp(later(windowDue, timestamp)).set(windowDue);
        nextDue.write(windowDue);
      }
      if (flushPending.read() == null) {
        flush.offset(windowing.earlyFiringDelay()).setRelative();
        flushPending.write(true);
      }
    }

    @OnTimer("due")
    public void onDue(
        OnTimerContext context,
        @StateId("open") ValueState<OpenWindows> openState,
        @StateId("watermarkPassed") ValueState<Instant> watermarkPassed,
        @StateId("nextDue") ValueState<Instant> nextDue,
        @TimerId("due") Timer due) {
      Instant now = context.fireTimestamp();
      Instant passed = watermarkPassed.read();
      watermarkPassed.write(passed == null ? now : later(passed, now));
      Instant next = null;
      OpenWindows open = openWindows(openState);
      for (Iterator<Map.Entry<String, Map<Long, OpenWindow>>> stores = open.byStore.entrySet().iterator();
          stores.hasNext(); ) {
        Map.Entry<String, Map<Long, OpenWindow>> store = stores.next();
        for (Iterator<Map.Entry<Long, OpenWindow>> entries = store.getValue().entrySet().iterator(); entries.hasNext(); ) {
          Map.Entry<Long, OpenWindow> entry = entries.next();
          Instant start = new Instant(entry.getKey());
          OpenWindow window = entry.getValue();
          if (!windowing.closeTime(start).isAfter(now)) {
            emit(context, store.getKey(), start, window, window.lateSinceOnTime ? PaneTiming.LATE : PaneTiming.ON_TIME, true);
            entries.remove();
            continue;
          }
          if (!window.onTimeEmitted && !windowing.maxTimestamp(start).isAfter(now)) {
            emit(context, store.getKey(), start, window, PaneTiming.ON_TIME, false);
            window.onTimeEmitted = true;
          }
          Instant windowDue = dueTime(start, window);
          next = next == null || windowDue.isBefore(next) ? windowDue : next;
        }
        if (store.getValue().isEmpty()) {
          stores.remove();
        }
      }
      if (open.byStore.isEmpty()) {
        openState.clear();
      } else {
        openState.write(open);
      }
      if (next == null) {
        nextDue.clear();
      } else {
        due.withOutputTimestamp(later(next, context.timestamp())).set(next);
        nextDue.write(next);
      }
    }

    @OnTimer("flush")
    public void onFlush(
        OnTimerContext context,
        @StateId("open") ValueState<OpenWindows> openState,
        @StateId("flushPending") ValueState<Boolean> flushPending) {
      flushPending.clear();
      OpenWindows open = openWindows(openState);
      boolean emitted = false;
      for (Map.Entry<String, Map<Long, OpenWindow>> store : open.byStore.entrySet()) {
        for (Map.Entry<Long, OpenWindow> entry : store.getValue().entrySet()) {
          OpenWindow window = entry.getValue();
          if (window.changedSinceLastResult) {
            emit(context, store.getKey(), new Instant(entry.getKey()), window,
                window.onTimeEmitted ? PaneTiming.LATE : PaneTiming.EARLY, false);
            emitted = true;
          }
        }
      }
      if (emitted) {
        openState.write(open);
      }
    }

    /** The key's open windows, changed in place by the caller, which then writes them back. */
    private static OpenWindows openWindows(ValueState<OpenWindows> state) {
      OpenWindows stored = state.read();
      return stored == null ? new OpenWindows() : stored;
    }

    /** The window's next event-time deadline: its on-time result, or once that is out, its close. */
    private Instant dueTime(Instant start, OpenWindow window) {
      return window.onTimeEmitted ? windowing.closeTime(start) : windowing.maxTimestamp(start);
    }

    private void emit(OnTimerContext context, String store, Instant start, OpenWindow window, PaneTiming timing,
        boolean isFinal) {
      Instant now = Instant.now();
      for (Map.Entry<String, KpiTotals> currency : window.byCurrency.entrySet()) {
        context.output(currency.getValue().toKpi(store, currency.getKey(), start, windowing.endOf(start), timing,
            isFinal, window.nextPane, now));
      }
      window.nextPane++;
      window.changedSinceLastResult = false;
    }

    private static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }
  }
}
