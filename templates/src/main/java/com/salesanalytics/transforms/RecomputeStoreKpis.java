package com.salesanalytics.transforms;

import com.salesanalytics.model.coders.StoreKpiCoder;

import com.salesanalytics.logic.KpiTotals;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.StoreKpi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The KPIs of whole windows, computed again from every unique sale they hold (a backfill reads
 * them back from the warehouse once it has replaced its range): one final row per store, window
 * and currency with timing {@link PaneTiming#BACKFILL}, the same totals the stream computes
 * ({@link KpiTotals}). Written as the newest result, it replaces what the stream left, including
 * windows whose late sales the stream had to drop.
 *
 * <p>Keyed like dedupe ({@link DedupeKeys}): per store and window wherever work is distributed;
 * on the DirectRunner, which builds an evaluator and timers for every key (a day of one-minute
 * windows for 25 stores, 13,000 keys, took two minutes), totals are added up per bundle and only
 * those partial totals, a few keys of them packed per bundle ({@link PackedGroupByKey}), cross the
 * shuffle.
 */
public class RecomputeStoreKpis extends PTransform<PCollection<CleanedSale>, PCollection<StoreKpi>> {
  private final Duration windowLength;
  private final int shards;

  private RecomputeStoreKpis(Duration windowLength, int shards) {
    this.windowLength = windowLength;
    this.shards = shards;
  }

  /** Windows of {@code windowLength}, keyed as {@code keys} says (per store and window, or in its shards). */
  public static RecomputeStoreKpis keyedLike(Duration windowLength, DedupeKeys keys) {
    return new RecomputeStoreKpis(windowLength, keys.shardCount());
  }

  public Duration windowLength() {
    return windowLength;
  }

  @Override
  public PCollection<StoreKpi> expand(PCollection<CleanedSale> sales) {
    return shards == 0 ? perStoreWindow(sales) : partialTotalsInShards(sales);
  }

  private PCollection<StoreKpi> perStoreWindow(PCollection<CleanedSale> sales) {
    return sales
        .apply("KeyByStoreAndWindow", ParDo.of(new KeyFn(windowLength)))
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), sales.getCoder()))
        .apply("SalesPerStoreWindow", GroupByKey.create())
        .apply("Totals", ParDo.of(new TotalsFn(windowLength)))
        .setCoder(StoreKpiCoder.of());
  }

  private PCollection<StoreKpi> partialTotalsInShards(PCollection<CleanedSale> sales) {
    return sales
        .apply("TotalsPerBundle", ParDo.of(new TotalsPerBundleFn(windowLength, shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), WindowTotals.CODER))
        .apply("PartialTotalsPerShard", PackedGroupByKey.create())
        .apply("Totals", ParDo.of(new MergeTotalsFn(windowLength)))
        .setCoder(StoreKpiCoder.of());
  }

  /** (store, window start): a store's sales of one window, every currency. */
  private static final class KeyFn extends DoFn<CleanedSale, KV<KV<String, Long>, CleanedSale>> {
    private final Duration length;

    KeyFn(Duration length) {
      this.length = length;
    }

    @ProcessElement
    public void process(@Element CleanedSale sale, OutputReceiver<KV<KV<String, Long>, CleanedSale>> out) {
      out.output(KV.of(KV.of(sale.storeId(), KpiWindowing.startOf(sale.eventTimestamp(), length).getMillis()), sale));
    }
  }

  /** One row per currency of the store's window, as the stream keeps them ({@link StoreKpis}). */
  private static final class TotalsFn extends DoFn<KV<KV<String, Long>, Iterable<CleanedSale>>, StoreKpi> {
    private final Duration length;

    TotalsFn(Duration length) {
      this.length = length;
    }

    @ProcessElement
    public void process(@Element KV<KV<String, Long>, Iterable<CleanedSale>> group, OutputReceiver<StoreKpi> out) {
      Map<String, KpiTotals> byCurrency = new TreeMap<>();
      group.getValue().forEach(sale -> byCurrency.computeIfAbsent(sale.currency(), c -> new KpiTotals()).add(sale));
      output(group.getKey().getKey(), group.getKey().getValue(), byCurrency, length, Instant.now(), out);
    }
  }

  private static void output(String storeId, long windowStart, Map<String, KpiTotals> byCurrency, Duration length,
      Instant now, DoFn.OutputReceiver<StoreKpi> out) {
    Instant start = new Instant(windowStart);
    byCurrency.forEach((currency, totals) -> out.output(totals.toKpi(storeId, currency, start, start.plus(length),
        PaneTiming.BACKFILL, true, 0, now)));
  }

  /** A store's window and the totals of some of its sales, per currency. */
  record WindowTotals(String storeId, long windowStart, Map<String, KpiTotals> byCurrency) {
    static final AtomicCoder<WindowTotals> CODER = new WindowTotalsCoder();

    /** The same (store, window) shard for every bundle's totals of it. */
    int shard(int shards) {
      return Math.floorMod(31 * storeId.hashCode() + Long.hashCode(windowStart), shards);
    }
  }

  private static final class WindowTotalsCoder extends AtomicCoder<WindowTotals> {
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
    private static final VarLongCoder START = VarLongCoder.of();
    private static final MapCoder<String, KpiTotals> BY_CURRENCY = MapCoder.of(TEXT, KpiTotals.coder());

    @Override
    public void encode(WindowTotals totals, OutputStream out) throws IOException {
      TEXT.encode(totals.storeId(), out);
      START.encode(totals.windowStart(), out);
      BY_CURRENCY.encode(totals.byCurrency(), out);
    }

    @Override
    public WindowTotals decode(InputStream in) throws IOException {
      return new WindowTotals(TEXT.decode(in), START.decode(in), BY_CURRENCY.decode(in));
    }
  }

  /** Adds up a bundle's sales per store, window and currency; the totals go out when the bundle ends. */
  private static final class TotalsPerBundleFn extends DoFn<CleanedSale, KV<Integer, WindowTotals>> {
    private final Duration length;
    private final int shards;
    private transient Map<BoundedWindow, Map<KV<String, Long>, WindowTotals>> totals;

    TotalsPerBundleFn(Duration length, int shards) {
      this.length = length;
      this.shards = shards;
    }

    @StartBundle
    public void startBundle() {
      totals = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element CleanedSale sale, BoundedWindow window) {
      long start = KpiWindowing.startOf(sale.eventTimestamp(), length).getMillis();
      totals.computeIfAbsent(window, w -> new HashMap<>())
          .computeIfAbsent(KV.of(sale.storeId(), start), k -> new WindowTotals(sale.storeId(), start, new TreeMap<>()))
          .byCurrency().computeIfAbsent(sale.currency(), c -> new KpiTotals()).add(sale);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      totals.forEach((window, perStoreWindow) -> perStoreWindow.values().forEach(
          t -> context.output(KV.of(t.shard(shards), t), window.maxTimestamp(), window)));
      totals = null;
    }
  }

  /** A shard's partial totals merged per store and window; one row per currency, as {@link TotalsFn}. */
  private static final class MergeTotalsFn extends DoFn<KV<Integer, Iterable<WindowTotals>>, StoreKpi> {
    private final Duration length;

    MergeTotalsFn(Duration length) {
      this.length = length;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<WindowTotals>> shard, OutputReceiver<StoreKpi> out) {
      Map<KV<String, Long>, Map<String, KpiTotals>> merged = new HashMap<>();
      for (WindowTotals partial : shard.getValue()) {
        Map<String, KpiTotals> byCurrency =
            merged.computeIfAbsent(KV.of(partial.storeId(), partial.windowStart()), k -> new TreeMap<>());
        partial.byCurrency().forEach((currency, totals) ->
            byCurrency.computeIfAbsent(currency, c -> new KpiTotals()).merge(totals));
      }
      Instant now = Instant.now();
      merged.forEach((key, byCurrency) -> output(key.getKey(), key.getValue(), byCurrency, length, now, out));
    }
  }
}
