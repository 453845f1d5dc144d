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
        .apply("KeyByStoreWindowCurrency", ParDo.of(new KeyFn(windowLength)))
        .setCoder(KvCoder.of(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), StringUtf8Coder.of()),
            sales.getCoder()))
        .apply("SalesPerKpi", GroupByKey.create())
        .apply("Totals", ParDo.of(new TotalsFn(windowLength)))
        .setCoder(StoreKpiCoder.of());
  }

  /** ((store, window start), currency): a KPI row's key. */
  private static final class KeyFn extends DoFn<CleanedSale, KV<KV<KV<String, Long>, String>, CleanedSale>> {
    private final Duration length;

    KeyFn(Duration length) {
      this.length = length;
    }

    @ProcessElement
    public void process(@Element CleanedSale sale, OutputReceiver<KV<KV<KV<String, Long>, String>, CleanedSale>> out) {
      long start = KpiWindowing.startOf(sale.eventTimestamp(), length).getMillis();
      out.output(KV.of(KV.of(KV.of(sale.storeId(), start), sale.currency()), sale));
    }
  }

  private static final class TotalsFn
      extends DoFn<KV<KV<KV<String, Long>, String>, Iterable<CleanedSale>>, StoreKpi> {
    private final Duration length;

    TotalsFn(Duration length) {
      this.length = length;
    }

    @ProcessElement
    public void process(@Element KV<KV<KV<String, Long>, String>, Iterable<CleanedSale>> group,
        OutputReceiver<StoreKpi> out) {
      KpiTotals totals = new KpiTotals();
      group.getValue().forEach(totals::add);
      Instant start = new Instant(group.getKey().getKey().getValue());
      out.output(totals.toKpi(group.getKey().getKey().getKey(), group.getKey().getValue(), start, start.plus(length),
          PaneTiming.BACKFILL, true, 0, Instant.now()));
    }
  }
}
