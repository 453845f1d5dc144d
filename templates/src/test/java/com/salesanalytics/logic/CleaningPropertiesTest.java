package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;

/**
 * Properties of cleaning one payload, over inputs a producer could send: any JSON value in any
 * field, extreme numbers, escaped lone surrogates, mutated valid events. Whatever comes in, there
 * is exactly one outcome, nothing is thrown, it comes back quickly, and a valid sale has exact money
 * that BigQuery NUMERIC holds and text that survives encoding unaltered.
 */
class CleaningPropertiesTest {

  /**
   * A sanity bound on the CPU time of cleaning one payload (typical: tens of microseconds); catches
   * runaway arithmetic. CPU time of this thread, not wall time, so that a GC pause or a busy machine
   * does not count.
   */
  private static final long MAX_CPU_NANOS_PER_PAYLOAD = 500_000_000L;
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final BigDecimal NUMERIC_MAX = new BigDecimal("99999999999999999999999999999.999999999");

  @Property(tries = 3000)
  void anyJsonValueInAnyTopLevelFieldHasExactlyOneSafeOutcome(
      @ForAll("topLevelFields") String field, @ForAll("jsonValues") String value) {
    checkOutcome(SaleParserTest.exampleWith(field, value));
  }

  @Property(tries = 3000)
  void anyJsonValueInAnyItemFieldHasExactlyOneSafeOutcome(
      @ForAll("itemFields") String field, @ForAll("jsonValues") String value) {
    checkOutcome(SaleParserTest.itemWith(field, value));
  }

  @Property(tries = 3000)
  void extremeNumbersAsPriceOrQuantityHaveExactlyOneSafeOutcome(
      @ForAll("numericItemFields") String field, @ForAll("extremeNumbers") String number) {
    checkOutcome(SaleParserTest.itemWith(field, number));
  }

  @Property(tries = 1500)
  void mutatedValidEventsHaveExactlyOneSafeOutcome(@ForAll("mutatedExamples") String payload) {
    checkOutcome(payload);
  }

  @Property(tries = 1000)
  void stringsWithEscapedSurrogatesAreKeptExactlyOrRefused(
      @ForAll("textFields") String field, @ForAll("surrogateEscapes") String escaped) {
    CleanResult result = checkOutcome(SaleParserTest.exampleWith(field, "\"id-" + escaped + "\""));
    if (result instanceof CleanResult.Clean clean) {
      String decoded = decodeJsonString("id-" + escaped);
      assertTrue(textsOf(clean.sale()).contains(decoded), "the field's exact text is kept: " + escaped);
    }
  }

  static CleanResult checkOutcome(String payload) {
    RawMessage message = new RawMessage(payload.getBytes(StandardCharsets.UTF_8), "m-1",
        Instant.parse("2026-11-24T10:15:31Z"), Map.of());
    long start = THREADS.getCurrentThreadCpuTime();
    CleanResult result = CleanResult.of(message);
    long nanos = THREADS.getCurrentThreadCpuTime() - start;
    assertTrue(nanos < MAX_CPU_NANOS_PER_PAYLOAD, "took " + nanos / 1_000_000 + " ms of CPU: " + payload);
    assertNotNull(result);
    if (result instanceof CleanResult.Clean clean) {
      checkValidSale(clean.sale());
    } else {
      Rejection rejection = ((CleanResult.Rejected) result).rejection();
      assertNotNull(rejection.code());
      assertNotNull(rejection.stage());
      assertEquals(1, rejection.message().lines().count(), rejection.message());
      assertTrue(rejection.message().length() < 400, rejection.message());
    }
    return result;
  }

  private static void checkValidSale(CleanedSale sale) {
    for (BigDecimal money : List.of(sale.totalAmount(), sale.avgPricePerItem())) {
      assertTrue(money.scale() >= 0 && money.scale() <= 9, "scale of " + money);
      assertTrue(money.signum() >= 0 && money.compareTo(NUMERIC_MAX) <= 0, money + " fits NUMERIC");
    }
    assertTrue(sale.totalItems() >= sale.lineCount() && sale.lineCount() >= 1);
    try {
      CleanedSale decoded = CoderUtils.decodeFromByteArray(CleanedSaleCoder.of(),
          CoderUtils.encodeToByteArray(CleanedSaleCoder.of(), sale));
      assertEquals(sale, decoded, "a valid sale survives encoding unaltered");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    for (String text : textsOf(sale)) {
      assertTrue(UnicodeText.firstUnpairedSurrogate(text).isEmpty(), "well-formed text: " + text);
    }
  }

  private static List<String> textsOf(CleanedSale sale) {
    return java.util.stream.Stream.of(sale.transactionId(), sale.storeId(), sale.customerId(), sale.paymentMethod(),
        sale.currency()).filter(java.util.Objects::nonNull).toList();
  }

  private static String decodeJsonString(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue("\"" + body + "\"", String.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<String> topLevelFields() {
    return SaleFuzzInputs.topLevelFields();
  }

  @Provide
  Arbitrary<String> itemFields() {
    return SaleFuzzInputs.itemFields();
  }

  @Provide
  Arbitrary<String> numericItemFields() {
    return SaleFuzzInputs.numericItemFields();
  }

  @Provide
  Arbitrary<String> textFields() {
    return SaleFuzzInputs.textFields();
  }

  @Provide
  Arbitrary<String> jsonValues() {
    return SaleFuzzInputs.jsonValues();
  }

  @Provide
  Arbitrary<String> surrogateEscapes() {
    return SaleFuzzInputs.surrogateEscapes();
  }

  @Provide
  Arbitrary<String> extremeNumbers() {
    return SaleFuzzInputs.extremeNumbers();
  }

  @Provide
  Arbitrary<String> mutatedExamples() {
    return SaleFuzzInputs.mutatedExamples();
  }
}
