package com.salesanalytics.transforms;

import static com.salesanalytics.TestSales.T0;
import static com.salesanalytics.TestSales.json;
import static com.salesanalytics.TestSales.message;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import com.salesanalytics.model.coders.RawMessageCoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class CleanSalesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private PCollectionTuple clean(CleanSales cleanSales, RawMessage... messages) {
    return pipeline.apply(Create.timestamped(java.util.Arrays.stream(messages)
            .map(m -> org.apache.beam.sdk.values.TimestampedValue.of(m, m.publishTime())).toList())
            .withCoder(RawMessageCoder.of()))
        .apply(cleanSales);
  }

  @Test
  public void validSalesBecomeCleanedRowsAndNoDeadLetters() {
    PCollectionTuple out = clean(CleanSales.wholeInput(DedupeKeys.perTransaction()),
        message("m-1", json("t-1", "store-07", "2", "3.49", "1", "12.00"), T0),
        message("m-2", json("t-2", "store-03", "1", "0.99"), T0));

    PAssert.that(out.get(CleanSales.SALES)).containsInAnyOrder(
        new CleanedSale("t-1", "store-07", "c-1093", Instant.parse("2026-11-24T10:15:30.123Z"), "card", "USD",
            2, 3, new BigDecimal("18.98"), new BigDecimal("6.33"), "m-1", T0,
            java.util.List.of(new com.salesanalytics.model.LineItem("p-100", 2, new BigDecimal("3.49")),
                new com.salesanalytics.model.LineItem("p-102", 1, new BigDecimal("12")))),
        new CleanedSale("t-2", "store-03", "c-1093", Instant.parse("2026-11-24T10:15:30.123Z"), "card", "USD",
            1, 1, new BigDecimal("0.99"), new BigDecimal("0.99"), "m-2", T0,
            java.util.List.of(new com.salesanalytics.model.LineItem("p-100", 1, new BigDecimal("0.99")))));
    PAssert.that(out.get(CleanSales.DEAD_LETTERS)).empty();
    pipeline.run();
  }

  @Test
  public void badInputGoesOnlyToDeadLettersWithPayloadIdCodeAndStage() {
    byte[] garbage = {(byte) 0xFF, 'x', 0, (byte) 0x80};
    RawMessage notUtf8 = new RawMessage(garbage, "m-bin", T0, Map.of());
    PCollectionTuple out = clean(CleanSales.wholeInput(DedupeKeys.perTransaction()),
        notUtf8,
        message("m-json", "{\"transaction_id\":", T0),
        message("m-qty", json("t-3", "store-07", "0", "3.49"), T0));

    PAssert.that(out.get(CleanSales.SALES)).empty();
    PAssert.that(out.get(CleanSales.DEAD_LETTERS)).satisfies(letters -> {
      Map<String, DeadLetter> byId = new java.util.HashMap<>();
      letters.forEach(l -> byId.put(l.messageId(), l));
      assertEquals(3, byId.size());
      assertArrayEquals(garbage, byId.get("m-bin").payload());
      assertEquals(ErrorCode.INVALID_JSON, byId.get("m-bin").errorCode());
      assertEquals(Stage.PARSE, byId.get("m-json").stage());
      assertEquals("{\"transaction_id\":", new String(byId.get("m-json").payload(), StandardCharsets.UTF_8));
      assertEquals(ErrorCode.INVALID_QUANTITY, byId.get("m-qty").errorCode());
      assertEquals(Stage.VALIDATE, byId.get("m-qty").stage());
      assertTrue(byId.get("m-qty").errorMessage().contains("items[0].quantity"));
      return null;
    });
    pipeline.run();
  }

  @Test
  public void aBatchKeepsOneRowPerTransactionAndCountsTheRestAsDuplicates() {
    String sale = json("t-1", "store-07", "1", "5.00");
    PCollectionTuple out = clean(CleanSales.wholeInput(DedupeKeys.perTransaction()),
        message("m-1", sale, T0), message("m-2", sale, T0.plus(Duration.standardHours(3))),
        message("m-3", sale, T0.plus(Duration.standardDays(2))), message("m-4", json("t-2", "store-01", "1", "1"), T0));

    PAssert.that(out.get(CleanSales.SALES).apply(org.apache.beam.sdk.transforms.Count.globally())).containsInAnyOrder(2L);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(2L, counter(result, SalesMetrics.DUPLICATES));
    assertEquals(4L, counter(result, SalesMetrics.EVENTS_IN));
    assertEquals(4L, counter(result, SalesMetrics.VALID));
  }

  @Test
  public void invalidEventsAreCountedPerCode() {
    clean(CleanSales.wholeInput(DedupeKeys.perTransaction()),
        message("a", "nope", T0), message("b", "[]", T0), message("c", json("t-1", "store-01", "1", "-1"), T0));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(3L, counter(result, SalesMetrics.INVALID));
    assertEquals(2L, counter(result, SalesMetrics.INVALID_PREFIX + "INVALID_JSON"));
    assertEquals(1L, counter(result, SalesMetrics.INVALID_PREFIX + "INVALID_PRICE"));
  }

  @Test
  public void idsThatDifferOnlyInUnpairedSurrogatesAreNotMergedIntoOneSale() {
    // Escaped lone surrogates used to become '?' on encoding, so these four distinct sales became one id.
    PCollectionTuple out = clean(CleanSales.wholeInput(DedupeKeys.perTransaction()),
        message("m-1", json("sur-\\udbff", "store-07", "1", "1.00"), T0),
        message("m-2", json("sur-\\udc00", "store-07", "1", "2.00"), T0),
        message("m-3", json("sur-?", "store-07", "1", "3.00"), T0),
        message("m-4", json("sur-\\ud83d\\ude00", "store-07", "1", "4.00"), T0));

    PAssert.that(out.get(CleanSales.SALES)).satisfies(sales -> {
      Map<String, BigDecimal> amountById = new java.util.TreeMap<>();
      sales.forEach(s -> amountById.put(s.transactionId(), s.totalAmount()));
      assertEquals(Map.of("sur-?", new BigDecimal("3"), "sur-\ud83d\ude00", new BigDecimal("4")), amountById);
      return null;
    });
    PAssert.that(out.get(CleanSales.DEAD_LETTERS)).satisfies(letters -> {
      java.util.Set<String> ids = new java.util.TreeSet<>();
      letters.forEach(l -> {
        assertEquals(ErrorCode.INVALID_FIELD, l.errorCode());
        ids.add(l.messageId());
      });
      assertEquals(java.util.Set.of("m-1", "m-2"), ids);
      return null;
    });
    pipeline.run();
  }

  @Test
  public void numbersThatBreakBigDecimalArithmeticBecomeDeadLettersOrExactRowsNeverAFailedBundle() {
    PCollectionTuple out = clean(CleanSales.wholeInput(DedupeKeys.perTransaction()),
        message("m-zero", json("t-zero", "store-07", "3", "0e-2147483647"), T0),
        message("m-scale", json("t-scale", "store-07", "3", "1.50000000000000000000"), T0),
        message("m-price", json("t-price", "store-07", "1", "1e309"), T0),
        message("m-qty", json("t-qty", "store-07", "-1e400", "1.00"), T0));

    PAssert.that(out.get(CleanSales.SALES)).satisfies(sales -> {
      Map<String, BigDecimal> amountById = new java.util.TreeMap<>();
      sales.forEach(s -> {
        assertTrue(s.totalAmount() + " has more than 9 places", s.totalAmount().scale() <= 9);
        amountById.put(s.transactionId(), s.totalAmount());
      });
      assertEquals(2, amountById.size());
      assertEquals(0, amountById.get("t-zero").signum());
      assertEquals(new BigDecimal("4.5"), amountById.get("t-scale").stripTrailingZeros());
      return null;
    });
    PAssert.that(out.get(CleanSales.DEAD_LETTERS)).satisfies(letters -> {
      Map<String, ErrorCode> codeById = new java.util.TreeMap<>();
      letters.forEach(l -> codeById.put(l.messageId(), l.errorCode()));
      assertEquals(Map.of("m-price", ErrorCode.INVALID_PRICE, "m-qty", ErrorCode.INVALID_QUANTITY), codeById);
      return null;
    });
    pipeline.run();
  }

  static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(SalesMetrics.NAMESPACE, name)).build()).getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

}
