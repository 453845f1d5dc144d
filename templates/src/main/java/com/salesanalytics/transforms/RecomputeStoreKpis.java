package com.salesanalytics.transforms;

import com.salesanalytics.model.coders.StoreKpiCoder;

import com.salesanalytics.logic.KpiTotals;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.StoreKpi;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
 */
public class RecomputeStoreKpis extends PTransform<PCollection<CleanedSale>, PCollection<StoreKpi>> {
  private final Duration windowLength;

  public RecomputeStoreKpis(Duration windowLength) {
    this.windowLength = windowLength;
  }

  @Override
  public PCollection<StoreKpi> expand(PCollection<CleanedSale> sales) {
    return sales
        .apply("KeyByStoreAndWindow", ParDo.of(new KeyFn(windowLength)))
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), sales.getCoder()))
        .apply("SalesPerStoreWindow", GroupByKey.create())
        .apply("Totals", ParDo.of(new TotalsFn(windowLength)))
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
      Instant start = new Instant(group.getKey().getValue());
      Instant now = Instant.now();
      byCurrency.forEach((currency, totals) -> out.output(totals.toKpi(group.getKey().getKey(), currency, start,
          start.plus(length), PaneTiming.BACKFILL, true, 0, now)));
    }
  }
}
