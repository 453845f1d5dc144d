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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;

/**
 * Properties of cleaning one payload, over inputs a producer could send: any JSON value in any
 * field, extreme numbers, escaped lone surrogates, mutated valid events. Whatever comes in, there
 * is exactly one outcome, nothing is thrown, it comes back quickly, and a valid sale has exact money
 * that BigQuery NUMERIC holds and text that survives encoding unaltered.
 */
class CleaningPropertiesTest {

  /** A sanity bound for one payload (typical: tens of microseconds); catches runaway arithmetic. */
  private static final long MAX_NANOS_PER_PAYLOAD = 500_000_000L;
  private static final BigDecimal NUMERIC_MAX = new BigDecimal("99999999999999999999999999999.999999999");

  private static final List<String> TOP_LEVEL_FIELDS =
      List.of("transaction_id", "store_id", "customer_id", "timestamp", "payment_method", "currency", "items");
  private static final List<String> ITEM_FIELDS = List.of("product_id", "quantity", "unit_price");

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

  private static CleanResult checkOutcome(String payload) {
    RawMessage message = new RawMessage(payload.getBytes(StandardCharsets.UTF_8), "m-1",
        Instant.parse("2026-11-24T10:15:31Z"), Map.of());
    long start = System.nanoTime();
    CleanResult result = CleanResult.of(message);
    long nanos = System.nanoTime() - start;
    assertTrue(nanos < MAX_NANOS_PER_PAYLOAD, "took " + nanos / 1_000_000 + " ms: " + payload);
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
    return Arbitraries.of(TOP_LEVEL_FIELDS);
  }

  @Provide
  Arbitrary<String> itemFields() {
    return Arbitraries.of(ITEM_FIELDS);
  }

  @Provide
  Arbitrary<String> numericItemFields() {
    return Arbitraries.of("quantity", "unit_price");
  }

  @Provide
  Arbitrary<String> textFields() {
    return Arbitraries.of("transaction_id", "store_id", "customer_id", "payment_method");
  }

  /** Any JSON value, nested a little: what a confused producer might put anywhere. */
  @Provide
  Arbitrary<String> jsonValues() {
    return Arbitraries.lazyOf(
        () -> Arbitraries.of("null", "true", "false", "{}", "[]", "\"\"", "\" \""),
        this::jsonStrings,
        this::extremeNumbers,
        () -> Arbitraries.integers().map(String::valueOf),
        () -> jsonValues().list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
        () -> Combinators.combine(jsonStrings(), jsonValues()).as((k, v) -> "{" + k + ":" + v + "}"));
  }

  private Arbitrary<String> jsonStrings() {
    StringArbitrary plain = Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(20);
    return Arbitraries.oneOf(
        plain.map(s -> "\"" + s + "\""),
        Combinators.combine(plain, surrogateEscapes()).as((s, e) -> "\"" + s + e + "\""),
        Arbitraries.of("\"2026-11-24T10:15:30Z\"", "\"0000-01-01T00:00:00Z\"", "\"usd\"", "\"USD\"",
            "\"3.49\"", "\"\\u0000\"", "\"\\n\""));
  }

  @Provide
  Arbitrary<String> surrogateEscapes() {
    Arbitrary<String> unit = Arbitraries.integers().between(0xD800, 0xDFFF).map(c -> String.format("\\u%04x", c));
    Arbitrary<String> pair = Combinators.combine(
            Arbitraries.integers().between(0xD800, 0xDBFF), Arbitraries.integers().between(0xDC00, 0xDFFF))
        .as((h, l) -> String.format("\\u%04x\\u%04x", h, l));
    return Arbitraries.oneOf(unit, pair, unit.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join("", l)));
  }

  /** Numbers whose digits, scale or exponent reach the limits of BigDecimal, double and NUMERIC. */
  @Provide
  Arbitrary<String> extremeNumbers() {
    Arbitrary<String> mantissa = Arbitraries.oneOf(
        Arbitraries.of("0", "-0", "1", "-1", "2", "1.5", "3.49", "0.000000001", "1000000", "1000000000",
            "1.50000000000000000000", "999999999.999999999", "123456789.1234567891"),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(60).map(d -> d.replaceFirst("^0+(?=\\d)", "")),
        Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)).as((i, f) -> i.replaceFirst("^0+(?=\\d)", "") + "." + f));
    Arbitrary<String> exponent = Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.integers().between(-40, 40).map(e -> "e" + e),
        Arbitraries.of("e308", "e309", "E-324", "e400", "e-400", "e1000000", "e-1000000", "E+2147483647",
            "e-2147483647", "e2147483648", "e-2147483648", "e99999999999"));
    return Combinators.combine(mantissa, exponent).as(String::concat);
  }

  @Provide
  Arbitrary<String> mutatedExamples() {
    String example = SaleParserTest.EXAMPLE;
    return Combinators.combine(
            Arbitraries.integers().between(0, example.length() - 1),
            Arbitraries.integers().between(0, 12),
            Arbitraries.of("delete", "duplicate", "insert"),
            jsonValues())
        .as((at, length, how, value) -> {
          StringBuilder s = new StringBuilder(example);
          int end = Math.min(s.length(), at + length);
          switch (how) {
            case "delete" -> s.delete(at, end);
            case "duplicate" -> s.insert(at, s.substring(at, end));
            default -> s.insert(at, value);
          }
          return s.toString();
        });
  }
}
