package com.salesanalytics.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.salesanalytics.model.PipelineHealth;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.coders.RawMessageCoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * The whole streaming analytics on one stream with every kind of message: valid, invalid, a
 * duplicate, a sale late but within the allowed lateness, one too late, and a second currency.
 * Every message read is accounted for exactly once in the health rows of its publish minute.
 */
public class SalesAnalyticsTest {
  private static final KpiWindowing WINDOWING =
      new KpiWindowing(Duration.standardMinutes(1), Duration.standardMinutes(2), Duration.standardSeconds(5));
  private static final Instant T10 = Instant.parse("2026-11-24T10:00:00Z");
  private static final DateTimeFormatter HH_MM = DateTimeFormat.forPattern("HH:mm").withZoneUTC();

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static Instant at(int minute, int second) {
    return T10.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  private static String sale(String id, String store, String customer, Instant eventTime, String currency,
      String items) {
    return "{\"transaction_id\":\"" + id + "\",\"store_id\":\"" + store + "\",\"customer_id\":"
        + (customer == null ? "null" : "\"" + customer + "\"") + ",\"timestamp\":\"" + eventTime
        + "\",\"payment_method\":\"card\",\"currency\":\"" + currency + "\",\"items\":[" + items + "]}";
  }

  private static TimestampedValue<RawMessage> published(String messageId, String payload, Instant publishTime) {
    return TimestampedValue.of(new RawMessage(payload.getBytes(StandardCharsets.UTF_8), messageId, publishTime,
        Map.of()), publishTime);
  }

  private static String health(PipelineHealth h) {
    return String.format("%s in=%d cleaned=%d dead=%d dup=%d late=%d", HH_MM.print(h.windowStart()), h.eventsIn(),
        h.cleaned(), h.deadLettered(), h.duplicates(), h.droppedLate());
  }

  @Test
  public void everyMessageIsAccountedForOnceInItsPublishMinuteAndTheKpisAddUp() {
    String t1 = sale("t-1", "store-01", "c-1", at(0, 5), "USD", "{\"product_id\":\"p-1\",\"quantity\":2,\"unit_price\":3.49}");
    TestStream<RawMessage> messages = TestStream.create(RawMessageCoder.of())
        .advanceWatermarkTo(T10)
        .addElements(published("m-1", t1, at(0, 5)),
            published("m-2", "{\"transaction_id\":", at(0, 10)),
            published("m-3", t1, at(0, 20)), // the producer's retry of t-1
            published("m-4", sale("t-4", "store-02", null, at(0, 30), "USD",
                "{\"product_id\":\"p-2\",\"quantity\":1,\"unit_price\":10.00}"), at(0, 30)))
        .advanceProcessingTime(Duration.standardSeconds(6))
        .advanceWatermarkTo(at(1, 30))
        // Happened at 10:00:50: late for its window, within the allowed lateness.
        .addElements(published("m-5", sale("t-5", "store-01", "c-2", at(0, 50), "USD",
            "{\"product_id\":\"p-1\",\"quantity\":1,\"unit_price\":3.49}"), at(1, 40)))
        .advanceProcessingTime(Duration.standardSeconds(6))
        .advanceWatermarkTo(at(3, 30))
        // Happened at 10:00:45: store-01's 10:00 window closed at 10:02:59.999.
        .addElements(published("m-6", sale("t-6", "store-01", "c-3", at(0, 45), "USD",
                "{\"product_id\":\"p-3\",\"quantity\":9,\"unit_price\":1.00}"), at(3, 40)),
            published("m-7", sale("t-7", "store-02", null, at(3, 35), "EUR",
                "{\"product_id\":\"p-2\",\"quantity\":1,\"unit_price\":9.50}"), at(3, 41)))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = pipeline.apply(messages)
        .apply(new SalesAnalytics(CleanSales.streaming(Duration.standardMinutes(10), DedupeKeys.perTransaction()),
            WINDOWING));

    PAssert.that(out.get(SalesAnalytics.HEALTH)).satisfies(rows -> {
      List<String> finals = new ArrayList<>();
      for (PipelineHealth h : rows) {
        if (h.isFinal()) {
          assertTrue("final results balance: " + health(h), h.balanced());
          finals.add(health(h));
        }
      }
      finals.sort(null);
      assertEquals(List.of(
          "10:00 in=4 cleaned=2 dead=1 dup=1 late=0",
          "10:01 in=1 cleaned=1 dead=0 dup=0 late=0",
          "10:03 in=2 cleaned=1 dead=0 dup=0 late=1"), finals);
      return null;
    });
    PAssert.that(out.get(SalesAnalytics.KPIS)).satisfies(rows -> {
      List<String> finals = new ArrayList<>();
      for (StoreKpi k : rows) {
        if (k.isFinal()) {
          finals.add(StoreKpisTest.describe(k));
        }
      }
      finals.sort(null);
      assertEquals(List.of(
          // early, on time, the late correction, then final
          "store-01 10:00 USD #3 LATE final tx=2 items=3 revenue=10.47 basket=5.24 ipt=1.50 customers=2 anon=0 spend=5.24",
          "store-02 10:00 USD #2 ON_TIME final tx=1 items=1 revenue=10 basket=10.00 ipt=1.00 customers=0 anon=1 spend=-",
          "store-02 10:03 EUR #1 ON_TIME final tx=1 items=1 revenue=9.5 basket=9.50 ipt=1.00 customers=0 anon=1 spend=-"),
          finals);
      return null;
    });
    pipeline.run();
  }
}
