package com.salesanalytics.transforms;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.Outcome;
import com.salesanalytics.model.PipelineHealth;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.StoreKpi;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;

/**
 * The streaming analytics: clean the messages ({@link CleanSales}), compute store KPIs from the
 * unique sales ({@link StoreKpis}), and account for every message read ({@link AccountForMessages}):
 * each is counted in, then as exactly one of cleaned, dead-lettered, duplicate or dropped late.
 */
public class SalesAnalytics extends PTransform<PCollection<RawMessage>, PCollectionTuple> {
  public static final TupleTag<CleanedSale> SALES = CleanSales.SALES;
  public static final TupleTag<DeadLetter> DEAD_LETTERS = CleanSales.DEAD_LETTERS;
  public static final TupleTag<StoreKpi> KPIS = StoreKpis.KPIS;
  public static final TupleTag<PipelineHealth> HEALTH = new TupleTag<>() {};

  private final CleanSales cleanSales;
  private final KpiWindowing windowing;
  private final KpiKeys kpiKeys;

  /** KPI state per store, as distributed runners need. */
  public SalesAnalytics(CleanSales cleanSales, KpiWindowing windowing) {
    this(cleanSales, windowing, KpiKeys.perStore());
  }

  public SalesAnalytics(CleanSales cleanSales, KpiWindowing windowing, KpiKeys kpiKeys) {
    this.cleanSales = cleanSales;
    this.windowing = windowing;
    this.kpiKeys = kpiKeys;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawMessage> messages) {
    PCollectionTuple cleaned = messages.apply("CleanSales", cleanSales);
    PCollectionTuple kpis = cleaned.get(CleanSales.SALES).apply("StoreKpis", new StoreKpis(windowing, kpiKeys));
    PCollection<PipelineHealth> health = PCollectionList
        .of(messages.apply("CountMessagesIn", AccountForMessages.counting(Outcome.EVENT_IN, windowing)))
        .and(cleaned.get(CleanSales.DEAD_LETTERS)
            .apply("CountDeadLetters", AccountForMessages.counting(Outcome.DEAD_LETTERED, windowing)))
        .and(cleaned.get(CleanSales.DUPLICATES)
            .apply("CountDuplicates", AccountForMessages.counting(Outcome.DUPLICATE, windowing)))
        .and(kpis.get(StoreKpis.OUTCOMES).apply("CountKpiOutcomes", AccountForMessages.countingEach(windowing)))
        .apply("AllCounts", Flatten.pCollections())
        .apply("AccountForMessages", new AccountForMessages(windowing))
        // Its results are rows like any other for the sinks; dead letters of all steps share one Flatten.
        .apply("HealthRowsUnwindowed", Window.<PipelineHealth>into(new GlobalWindows())
            .triggering(DefaultTrigger.of()).withAllowedLateness(Duration.ZERO).discardingFiredPanes());
    return PCollectionTuple.of(SALES, cleaned.get(CleanSales.SALES))
        .and(DEAD_LETTERS, cleaned.get(CleanSales.DEAD_LETTERS))
        .and(KPIS, kpis.get(StoreKpis.KPIS))
        .and(HEALTH, health);
  }
}
