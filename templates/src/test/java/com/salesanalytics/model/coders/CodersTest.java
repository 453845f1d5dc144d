package com.salesanalytics.model.coders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.TestSales;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class CodersTest {
  @Test
  void rawMessagesRoundTripIncludingBinaryPayloadsAndNullIds() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(RawMessageCoder.of(),
        new RawMessage(new byte[] {(byte) 0xFF, 0, 1}, "m-0", TestSales.T0, Map.of("b", "2", "a", "1")));
    CoderProperties.coderDecodeEncodeEqual(RawMessageCoder.of(),
        TestSales.message("m-1", TestSales.json("t-1", "store-01", "1", "1.00"), TestSales.T0));
  }

  @Test
  void cleanedSalesKeepTheExactScaleOfTheirAmounts() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(CleanedSaleCoder.of(),
        new CleanedSale("t-1", "s", null, new Instant(0), null, "USD", 3, 7,
            new BigDecimal("18.980000000"), new BigDecimal("2.71"), "m-1", new Instant(5),
            java.util.List.of(new com.salesanalytics.model.LineItem("p-1", 2, new BigDecimal("4.990")),
                new com.salesanalytics.model.LineItem("p-2", 5, new BigDecimal("1.800000000")))));
    CoderProperties.coderDeterministic(CleanedSaleCoder.of(), TestSales.cleaned("t-1", "1.10"), TestSales.cleaned("t-1", "1.10"));
  }

  /** Amounts come back equal, value and scale, whether or not they fit a long. */
  @Test
  void cleanedSaleAmountsOfEverySizeAndSignRoundTrip() throws Exception {
    String[] amounts = {"0", "0.000000000", "-1", "-0.01", "127", "128", "-129", "255.99", "92233720368.547758070",
        "-92233720368.547758080", "12345678901234567890123.456789012", "-99999999999999999999999999999.999999999",
        "4.990", "1E+3", "1E-9"};
    for (String amount : amounts) {
      BigDecimal value = new BigDecimal(amount);
      CleanedSale sale = new CleanedSale("t-1", "s", "c-1", new Instant(0), "card", "USD", 1, 1, value, value.negate(),
          "m-1", new Instant(5), java.util.List.of(new com.salesanalytics.model.LineItem("p-1", 1, value)));
      CoderProperties.coderDecodeEncodeEqual(CleanedSaleCoder.of(), sale);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      org.apache.beam.sdk.coders.BigDecimalCoder.of().encode(value, bytes);
      assertEquals(value, CleanedSaleCoder.decimal(new java.io.ByteArrayInputStream(bytes.toByteArray())), amount);
    }
  }

  @Test
  void deadLettersRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(DeadLetterCoder.of(),
        new DeadLetter(new byte[] {1, 2}, ErrorCode.INVALID_PRICE, "items[0].unit_price must be a number", Stage.VALIDATE,
            null, null, Map.of(), TestSales.T0));
    CoderProperties.coderDecodeEncodeEqual(DeadLetterCoder.of(),
        new DeadLetter(new byte[] {1, 2}, ErrorCode.INVALID_PRICE, "items[0].unit_price must be a number", Stage.VALIDATE,
            "m-1", TestSales.T0, Map.of("store", "store-07"), TestSales.T0.plus(1)));
  }

  @Test
  void replayOutcomesRoundTripPassedAndFailedWithTheirFailure() throws Exception {
    Instant replayedAt = Instant.parse("2026-11-25T09:00:00Z");
    CoderProperties.coderDecodeEncodeEqual(DeadLetterReplayCoder.of(),
        com.salesanalytics.model.DeadLetterReplay.passed("3b4a83a3dadcd3fcefc561e1d75c84fc", "m-1", replayedAt));
    CoderProperties.coderDecodeEncodeEqual(DeadLetterReplayCoder.of(),
        com.salesanalytics.model.DeadLetterReplay.failed("da8b32fd91a16821ac4d7afa3b3c5813",
            com.salesanalytics.model.DeadLetter.of(TestSales.message("m-3", TestSales.json("t-3", "store-07", "1", "-1.00"),
                    TestSales.T0), com.salesanalytics.model.ErrorCode.INVALID_PRICE,
                "items[0].unit_price: must not be negative", com.salesanalytics.model.Stage.VALIDATE, replayedAt),
            replayedAt));
  }

  @Test
  void resultRowsRoundTripWithNullsExactDecimalsAndEveryTiming() throws Exception {
    com.salesanalytics.model.SaleLine line = com.salesanalytics.model.SaleLine.of(TestSales.cleaned("t-1", "4.990")).get(0);
    CoderProperties.coderDecodeEncodeEqual(SaleLineCoder.of(), line);
    for (com.salesanalytics.model.PaneTiming timing : com.salesanalytics.model.PaneTiming.values()) {
      CoderProperties.coderDecodeEncodeEqual(StoreKpiCoder.of(), new com.salesanalytics.model.StoreKpi("store-07",
          "EUR", TestSales.T0, TestSales.T0.plus(60_000), 3, 7, new BigDecimal("18.980000000"), new BigDecimal("6.33"),
          new BigDecimal("2.33"), 0, 3, new BigDecimal("0"), null,
          java.util.List.of(new com.salesanalytics.model.ProductSales("p-1", new BigDecimal("9.98"), 2)),
          timing, timing == com.salesanalytics.model.PaneTiming.BACKFILL, 4, TestSales.T0.plus(61_000)));
      CoderProperties.coderDecodeEncodeEqual(PipelineHealthCoder.of(), new com.salesanalytics.model.PipelineHealth(
          TestSales.T0, TestSales.T0.plus(60_000), 10, 7, 1, 1, 1, timing, true, 2, TestSales.T0.plus(70_000)));
    }
  }
}
