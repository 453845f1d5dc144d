package com.salesanalytics.logic;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * Payloads a producer could send, for property tests and the long fuzzing run: any JSON value in
 * any field, extreme numbers, escaped lone surrogates, mutated valid events.
 */
final class SaleFuzzInputs {
  static final List<String> TOP_LEVEL_FIELDS =
      List.of("transaction_id", "store_id", "customer_id", "timestamp", "payment_method", "currency", "items");
  static final List<String> ITEM_FIELDS = List.of("product_id", "quantity", "unit_price");

  private SaleFuzzInputs() {}

  /** Every kind of payload below, in roughly equal shares. */
  static Arbitrary<String> anyPayload() {
    return Arbitraries.oneOf(
        Combinators.combine(topLevelFields(), jsonValues()).as(SaleParserTest::exampleWith),
        Combinators.combine(itemFields(), jsonValues()).as(SaleParserTest::itemWith),
        Combinators.combine(numericItemFields(), extremeNumbers()).as(SaleParserTest::itemWith),
        mutatedExamples(),
        Combinators.combine(textFields(), surrogateEscapes()).as((f, e) -> SaleParserTest.exampleWith(f, "\"id-" + e + "\"")));
  }

  static Arbitrary<String> topLevelFields() {
    return Arbitraries.of(TOP_LEVEL_FIELDS);
  }

  static Arbitrary<String> itemFields() {
    return Arbitraries.of(ITEM_FIELDS);
  }

  static Arbitrary<String> numericItemFields() {
    return Arbitraries.of("quantity", "unit_price");
  }

  static Arbitrary<String> textFields() {
    return Arbitraries.of("transaction_id", "store_id", "customer_id", "payment_method");
  }

  /** Any JSON value, nested a little: what a confused producer might put anywhere. */
  static Arbitrary<String> jsonValues() {
    return Arbitraries.lazyOf(
        () -> Arbitraries.of("null", "true", "false", "{}", "[]", "\"\"", "\" \""),
        SaleFuzzInputs::jsonStrings,
        SaleFuzzInputs::extremeNumbers,
        () -> Arbitraries.integers().map(String::valueOf),
        () -> jsonValues().list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
        () -> Combinators.combine(jsonStrings(), jsonValues()).as((k, v) -> "{" + k + ":" + v + "}"));
  }

  static Arbitrary<String> jsonStrings() {
    StringArbitrary plain = Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(20);
    return Arbitraries.oneOf(
        plain.map(s -> "\"" + s + "\""),
        Combinators.combine(plain, surrogateEscapes()).as((s, e) -> "\"" + s + e + "\""),
        Arbitraries.of("\"2026-11-24T10:15:30Z\"", "\"0000-01-01T00:00:00Z\"", "\"usd\"", "\"USD\"",
            "\"3.49\"", "\"\\u0000\"", "\"\\n\""));
  }

  static Arbitrary<String> surrogateEscapes() {
    Arbitrary<String> unit = Arbitraries.integers().between(0xD800, 0xDFFF).map(c -> String.format("\\u%04x", c));
    Arbitrary<String> pair = Combinators.combine(
            Arbitraries.integers().between(0xD800, 0xDBFF), Arbitraries.integers().between(0xDC00, 0xDFFF))
        .as((h, l) -> String.format("\\u%04x\\u%04x", h, l));
    return Arbitraries.oneOf(unit, pair, unit.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join("", l)));
  }

  /** Numbers whose digits, scale or exponent reach the limits of BigDecimal, double and NUMERIC. */
  static Arbitrary<String> extremeNumbers() {
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

  static Arbitrary<String> mutatedExamples() {
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
