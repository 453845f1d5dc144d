package com.salesanalytics.transforms;

import static org.junit.Assert.assertEquals;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.Outcome;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Store KPIs in event time, one scenario per test in the manner of Beam's LeaderBoardTest: the
 * watermark and processing time move between sales, and every result (pane) the step emits is
 * asserted, with its timing, index and whether it is final. One-minute windows, two minutes of
 * allowed lateness, early results five seconds after a change. Each scenario runs with state per
 * store (Dataflow), all stores under one key, and stores spread over two keys (the DirectRunner).
 */
@RunWith(Parameterized.class)
public class StoreKpisTest {
  @Parameterized.Parameters(name = "{0}")
  public static Collection<Object[]> keyings() {
    return Arrays.asList(new Object[][] {{KpiKeys.perStore()}, {KpiKeys.shards(1)}, {KpiKeys.shards(2)}});
  }

  @Parameterized.Parameter public KpiKeys keys;

  private static final KpiWindowing WINDOWING =
      new KpiWindowing(Duration.standardMinutes(1), Duration.standardMinutes(2), Duration.standardSeconds(5));
  private static final Instant T10 = Instant.parse("2026-11-24T10:00:00Z");
  private static final DateTimeFormatter HH_MM = DateTimeFormat.forPattern("HH:mm").withZoneUTC();
  private static final Duration EARLY = Duration.standardSeconds(6);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static Instant at(int minute, int second) {
    return T10.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  /** A sale at event time {@code eventTime}, published (element timestamp) at {@code published}. */
  private static TimestampedValue<CleanedSale> sale(String id, String store, String customer, String currency,
      Instant eventTime, Instant published, LineItem... lines) {
    long items = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (LineItem line : lines) {
      items += line.quantity();
      amount = amount.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
    }
    return TimestampedValue.of(new CleanedSale(id, store, customer, eventTime, "card", currency, lines.length, items,
        amount, BigDecimal.ONE, "m-" + id, published, List.of(lines)), published);
  }

  private static TimestampedValue<CleanedSale> onTime(String id, String store, String customer, Instant eventTime,
      LineItem... lines) {
    return sale(id, store, customer, "USD", eventTime, eventTime, lines);
  }

  private static LineItem line(String product, long quantity, String price) {
    return new LineItem(product, quantity, new BigDecimal(price));
  }

  /** A result as one line: which window and pane, then the figures. */
  static String describe(StoreKpi k) {
    return String.format("%s %s %s #%d %s%s tx=%d items=%d revenue=%s basket=%s ipt=%s customers=%d anon=%d"
            + " spend=%s", k.storeId(), HH_MM.print(k.windowStart()), k.currency(), k.paneIndex(), k.timing(),
        k.isFinal() ? " final" : "", k.transactions(), k.items(), k.revenue().toPlainString(),
        k.avgBasket().toPlainString(), k.itemsPerTransaction().toPlainString(), k.customers(),
        k.anonymousTransactions(), k.avgSpendPerCustomer() == null ? "-" : k.avgSpendPerCustomer().toPlainString());
  }

  private PCollectionTuple kpis(TestStream<CleanedSale> stream) {
    return pipeline.apply(stream).apply(new StoreKpis(WINDOWING, keys));
  }

  private static void assertResults(PCollectionTuple out, String... expected) {
    PAssert.that(out.get(StoreKpis.KPIS)).satisfies(rows -> {
      List<String> actual = new ArrayList<>();
      rows.forEach(k -> actual.add(describe(k)));
      actual.sort(null);
      List<String> wanted = new ArrayList<>(List.of(expected));
      wanted.sort(null);
      assertEquals(String.join("\n", wanted), String.join("\n", actual));
      return null;
    });
  }

  private static TestStream.Builder<CleanedSale> stream() {
    return TestStream.create(CleanedSaleCoder.of()).advanceWatermarkTo(T10);
  }

  @Test
  public void onTimeResultWhenTheWatermarkPassesTheWindowAndFinalWhenTheLatenessHasPassed() {
    TestStream<CleanedSale> sales = stream()
        .addElements(onTime("t-1", "store-01", "c-1", at(0, 10), line("p-1", 2, "3.50")),
            onTime("t-2", "store-01", null, at(0, 40), line("p-2", 1, "1.25")))
        .advanceWatermarkTo(at(1, 0))
        .advanceWatermarkTo(at(3, 0))
        .advanceWatermarkToInfinity();
    PCollectionTuple out = kpis(sales);
    // 8.25 / 2 = 4.125: half-up to 4.13; items per sale 3 / 2 = 1.50; the anonymous sale is no customer.
    assertResults(out,
        "store-01 10:00 USD #0 ON_TIME tx=2 items=3 revenue=8.25 basket=4.13 ipt=1.50 customers=1 anon=1 spend=7.00",
        "store-01 10:00 USD #1 ON_TIME final tx=2 items=3 revenue=8.25 basket=4.13 ipt=1.50 customers=1 anon=1 spend=7.00");
    PAssert.that(out.get(StoreKpis.OUTCOMES)).containsInAnyOrder(Outcome.CLEANED, Outcome.CLEANED);
    pipeline.run();
  }

  @Test
  public void speculativeResultsWhileTheWindowChangesThenOnTimeAndFinal() {
    TestStream<CleanedSale> sales = stream()
        .addElements(onTime("t-1", "store-01", "c-1", at(0, 5), line("p-1", 1, "10.00")))
        .advanceProcessingTime(EARLY)
        .addElements(onTime("t-2", "store-01", "c-2", at(0, 20), line("p-1", 1, "10.00")))
        .advanceProcessingTime(EARLY)
        .advanceProcessingTime(EARLY) // nothing changed: no result
        .advanceWatermarkTo(at(1, 0))
        .advanceWatermarkToInfinity();
    assertResults(kpis(sales),
        "store-01 10:00 USD #0 EARLY tx=1 items=1 revenue=10.00 basket=10.00 ipt=1.00 customers=1 anon=0 spend=10.00",
        "store-01 10:00 USD #1 EARLY tx=2 items=2 revenue=20.00 basket=10.00 ipt=1.00 customers=2 anon=0 spend=10.00",
        "store-01 10:00 USD #2 ON_TIME tx=2 items=2 revenue=20.00 basket=10.00 ipt=1.00 customers=2 anon=0 spend=10.00",
        "store-01 10:00 USD #3 ON_TIME final tx=2 items=2 revenue=20.00 basket=10.00 ipt=1.00 customers=2 anon=0 spend=10.00");
    pipeline.run();
  }

  @Test
  public void aLateSaleWithinTheAllowedLatenessCorrectsTheResult() {
    TestStream<CleanedSale> sales = stream()
        .addElements(onTime("t-1", "store-01", "c-1", at(0, 10), line("p-1", 1, "4.00")))
        .advanceWatermarkTo(at(1, 30))
        // Happened at 10:00:50, published at 10:01:31: after the on-time result, within the lateness.
        .addElements(sale("t-2", "store-01", "c-1", "USD", at(0, 50), at(1, 31), line("p-1", 2, "4.00")))
        .advanceProcessingTime(EARLY)
        .advanceWatermarkTo(at(3, 0))
        .advanceWatermarkToInfinity();
    PCollectionTuple out = kpis(sales);
    assertResults(out,
        "store-01 10:00 USD #0 ON_TIME tx=1 items=1 revenue=4.00 basket=4.00 ipt=1.00 customers=1 anon=0 spend=4.00",
        "store-01 10:00 USD #1 LATE tx=2 items=3 revenue=12.00 basket=6.00 ipt=1.50 customers=1 anon=0 spend=12.00",
        "store-01 10:00 USD #2 LATE final tx=2 items=3 revenue=12.00 basket=6.00 ipt=1.50 customers=1 anon=0 spend=12.00");
    PAssert.that(out.get(StoreKpis.OUTCOMES)).containsInAnyOrder(Outcome.CLEANED, Outcome.CLEANED);
    pipeline.run();
  }

  @Test
  public void aSaleLaterThanTheAllowedLatenessIsDroppedFromTheKpisAndCounted() {
    TestStream<CleanedSale> sales = stream()
        .addElements(onTime("t-1", "store-01", "c-1", at(0, 10), line("p-1", 1, "4.00")))
        .advanceWatermarkTo(at(3, 0))
        // Happened at 10:00:30, published at 10:03:01: its window closed at 10:02:59.999.
        .addElements(sale("t-2", "store-01", "c-1", "USD", at(0, 30), at(3, 1), line("p-1", 5, "4.00")))
        .advanceProcessingTime(EARLY)
        .advanceWatermarkToInfinity();
    PCollectionTuple out = kpis(sales);
    assertResults(out,
        "store-01 10:00 USD #0 ON_TIME tx=1 items=1 revenue=4.00 basket=4.00 ipt=1.00 customers=1 anon=0 spend=4.00",
        "store-01 10:00 USD #1 ON_TIME final tx=1 items=1 revenue=4.00 basket=4.00 ipt=1.00 customers=1 anon=0 spend=4.00");
    PAssert.that(out.get(StoreKpis.OUTCOMES)).containsInAnyOrder(Outcome.CLEANED, Outcome.DROPPED_LATE);
    pipeline.run();
  }

  @Test
  public void outOfOrderSalesAcrossStoresLandInTheirOwnWindowsAndAStoreWithoutSalesHasNoRow() {
    TestStream<CleanedSale> sales = stream()
        .addElements(onTime("t-1", "store-01", "c-1", at(0, 50), line("p-1", 1, "1.00")),
            sale("t-2", "store-02", "c-2", "USD", at(0, 10), at(0, 51), line("p-2", 1, "2.00")),
            sale("t-3", "store-01", "c-3", "USD", at(0, 20), at(0, 52), line("p-1", 1, "1.00")),
            onTime("t-4", "store-02", "c-2", at(1, 10), line("p-2", 3, "2.00")),
            sale("t-5", "store-01", "c-1", "USD", at(0, 5), at(1, 11), line("p-3", 1, "0.50")))
        .advanceWatermarkTo(at(2, 0))
        .advanceWatermarkToInfinity();
    assertResults(kpis(sales),
        "store-01 10:00 USD #0 ON_TIME tx=3 items=3 revenue=2.50 basket=0.83 ipt=1.00 customers=2 anon=0 spend=1.25",
        "store-01 10:00 USD #1 ON_TIME final tx=3 items=3 revenue=2.50 basket=0.83 ipt=1.00 customers=2 anon=0 spend=1.25",
        "store-02 10:00 USD #0 ON_TIME tx=1 items=1 revenue=2.00 basket=2.00 ipt=1.00 customers=1 anon=0 spend=2.00",
        "store-02 10:00 USD #1 ON_TIME final tx=1 items=1 revenue=2.00 basket=2.00 ipt=1.00 customers=1 anon=0 spend=2.00",
        "store-02 10:01 USD #0 ON_TIME tx=1 items=3 revenue=6.00 basket=6.00 ipt=3.00 customers=1 anon=0 spend=6.00",
        "store-02 10:01 USD #1 ON_TIME final tx=1 items=3 revenue=6.00 basket=6.00 ipt=3.00 customers=1 anon=0 spend=6.00");
    pipeline.run();
  }

  @Test
  public void eachCurrencyHasItsOwnRowAndIsNeverAddedToAnother() {
    TestStream<CleanedSale> sales = stream()
        .addElements(onTime("t-1", "store-01", "c-1", at(0, 10), line("p-1", 1, "3.00")),
            sale("t-2", "store-01", "c-1", "EUR", at(0, 20), at(0, 20), line("p-1", 1, "2.80")),
            sale("t-3", "store-01", null, "EUR", at(0, 30), at(0, 30), line("p-2", 2, "1.10")))
        .advanceWatermarkToInfinity();
    // One result per currency in every pane, with the pane's index shared.
    assertResults(kpis(sales),
        "store-01 10:00 USD #0 ON_TIME tx=1 items=1 revenue=3.00 basket=3.00 ipt=1.00 customers=1 anon=0 spend=3.00",
        "store-01 10:00 USD #1 ON_TIME final tx=1 items=1 revenue=3.00 basket=3.00 ipt=1.00 customers=1 anon=0 spend=3.00",
        "store-01 10:00 EUR #0 ON_TIME tx=2 items=3 revenue=5.00 basket=2.50 ipt=1.50 customers=1 anon=1 spend=2.80",
        "store-01 10:00 EUR #1 ON_TIME final tx=2 items=3 revenue=5.00 basket=2.50 ipt=1.50 customers=1 anon=1 spend=2.80");
    pipeline.run();
  }
}
