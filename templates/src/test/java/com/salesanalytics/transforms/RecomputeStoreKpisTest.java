package com.salesanalytics.transforms;

import static org.junit.Assert.assertEquals;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** A backfill's KPIs are the same whether keyed per store and window or added up per bundle in shards. */
public class RecomputeStoreKpisTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

  private static List<CleanedSale> sales() {
    List<CleanedSale> sales = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String currency = i % 7 == 0 ? "EUR" : "USD";
      String customer = i % 4 == 0 ? null : "c-" + (i % 9);
      BigDecimal price = new BigDecimal(100 + i).movePointLeft(2);
      List<LineItem> lines = List.of(new LineItem("p-" + (i % 11), 1 + i % 3, price), new LineItem("p-1", 1, price));
      BigDecimal total = price.multiply(BigDecimal.valueOf(2 + i % 3));
      sales.add(new CleanedSale("t-" + i, "store-0" + (i % 3), customer, T.plus(Duration.standardSeconds(17L * i)),
          "card", currency, 2, 2 + i % 3, total, total, "m-" + i, T, lines));
    }
    return sales;
  }

  /** Each sale its own bundle, so that the sharded form merges partial totals of many bundles. */
  private PCollection<CleanedSale> manyBundles(String name) {
    return pipeline.apply(name, Create.of(sales()).withCoder(CleanedSaleCoder.of()))
        .apply(name + "Keys", WithKeys.of((CleanedSale s) -> s.transactionId()).withKeyType(TypeDescriptors.strings()))
        .apply(name + "Apart", Reshuffle.of())
        .apply(name + "Values", Values.create());
  }

  /** A KPI row without its update time, which is when it was computed. */
  private static String row(StoreKpi kpi) {
    return kpi.toString().replaceAll("updatedAt=[^,\\]]*", "");
  }

  @Test
  public void shardedPartialTotalsGiveTheKpisOfPerWindowKeys() {
    Duration minute = Duration.standardMinutes(1);
    PCollection<StoreKpi> perWindow = manyBundles("PerWindow")
        .apply("PerStoreWindow", RecomputeStoreKpis.keyedLike(minute, DedupeKeys.perTransaction()));
    PCollection<StoreKpi> sharded = manyBundles("Sharded")
        .apply("InShards", RecomputeStoreKpis.keyedLike(minute, DedupeKeys.shards(2)));

    List<CleanedSale> all = sales();
    TreeSet<String> expected = new TreeSet<>();
    // Computed by hand here only for their number: every store, window and currency with a sale.
    all.forEach(s -> expected.add(s.storeId() + "/" + KpiWindowing.startOf(s.eventTimestamp(), minute) + "/" + s.currency()));
    PAssert.that(perWindow).satisfies(kpis -> {
      assertEquals(expected.size(), count(kpis));
      return null;
    });
    PAssert.that(sharded).satisfies(kpis -> {
      assertEquals(expected.size(), count(kpis));
      return null;
    });
    PCollection<String> perWindowRows = perWindow.apply("PerWindowRows",
        org.apache.beam.sdk.transforms.MapElements.into(TypeDescriptors.strings()).via(RecomputeStoreKpisTest::row));
    PCollection<String> shardedRows = sharded.apply("ShardedRows",
        org.apache.beam.sdk.transforms.MapElements.into(TypeDescriptors.strings()).via(RecomputeStoreKpisTest::row));
    PAssert.that(shardedRows).containsInAnyOrder(expectedRows(minute));
    PAssert.that(perWindowRows).containsInAnyOrder(expectedRows(minute));
    pipeline.run();
  }

  /** The rows one KpiTotals per store, window and currency gives, added sale by sale. */
  private static List<String> expectedRows(Duration minute) {
    java.util.Map<String, com.salesanalytics.logic.KpiTotals> totals = new java.util.TreeMap<>();
    java.util.Map<String, CleanedSale> any = new java.util.HashMap<>();
    for (CleanedSale s : sales()) {
      String key = s.storeId() + "|" + KpiWindowing.startOf(s.eventTimestamp(), minute).getMillis() + "|" + s.currency();
      totals.computeIfAbsent(key, k -> new com.salesanalytics.logic.KpiTotals()).add(s);
      any.put(key, s);
    }
    List<String> rows = new ArrayList<>();
    totals.forEach((key, t) -> {
      CleanedSale s = any.get(key);
      Instant start = KpiWindowing.startOf(s.eventTimestamp(), minute);
      rows.add(row(t.toKpi(s.storeId(), s.currency(), start, start.plus(minute),
          com.salesanalytics.model.PaneTiming.BACKFILL, true, 0, Instant.EPOCH)));
    });
    return rows;
  }

  private static int count(Iterable<StoreKpi> kpis) {
    int n = 0;
    for (StoreKpi ignored : kpis) {
      n++;
    }
    return n;
  }
}
