package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * SaleParser gives exactly the answer the tree-based reader it replaced gives ({@link
 * TreeSaleParser}): the same sale, or the same code, stage and message, for valid sales, for every
 * rule broken, for JSON that is not one object (duplicate keys at any depth, trailing content,
 * byte-order marks, NUL bytes, numbers past a double's range in fields nobody reads) and for bytes
 * that are not UTF-8.
 */
class SaleParserDifferentialTest {
  private static final CleaningPropertiesTest VALUES = new CleaningPropertiesTest();
  private static final List<String> TOP_LEVEL_FIELDS =
      List.of("transaction_id", "store_id", "customer_id", "timestamp", "payment_method", "currency", "items");

  static void assertSameAnswer(byte[] payload) {
    ParseResult expected = TreeSaleParser.parse(payload);
    ParseResult actual = SaleParser.parse(payload);
    assertEquals(expected, actual, () -> "payload: " + new String(payload, StandardCharsets.UTF_8));
  }

  static void assertSameAnswer(String payload) {
    assertSameAnswer(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyMessageTheSimulatorSendsAndEveryPrefixOfSome() {
    SaleGenerator generator = new SaleGenerator(SimulatorConfig.defaults(7, Instant.parse("2026-11-24T00:00:00Z")));
    for (int i = 0; i < 20_000; i++) {
      String payload = generator.event(i).payload();
      assertSameAnswer(payload);
      if (i % 50 == 0) {
        for (int end = 0; end < payload.length(); end += 7) {
          assertSameAnswer(payload.substring(0, end));
        }
      }
    }
  }

  @Test
  void simulatedMessagesWithBytesFlippedInsertedOrRemoved() {
    SaleGenerator generator = new SaleGenerator(SimulatorConfig.defaults(11, Instant.parse("2026-11-24T00:00:00Z")));
    SplittableRandom random = new SplittableRandom(11);
    byte[] interesting = {0, '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '9', '-', '.', 'e', 'E', '+', 'n',
        (byte) 0xC3, (byte) 0xA9, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF,
        (byte) 0xF0, (byte) 0x9F, (byte) 0xFF};
    for (int i = 0; i < 30_000; i++) {
      byte[] original = generator.event(i).payload().getBytes(StandardCharsets.UTF_8);
      List<Byte> bytes = new ArrayList<>();
      for (byte b : original) {
        bytes.add(b);
      }
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
        int at = random.nextInt(bytes.size());
        byte b = interesting[random.nextInt(interesting.length)];
        switch (random.nextInt(3)) {
          case 0 -> bytes.set(at, b);
          case 1 -> bytes.add(at, b);
          default -> bytes.remove(at);
        }
      }
      byte[] mutated = new byte[bytes.size()];
      for (int k = 0; k < mutated.length; k++) {
        mutated[k] = bytes.get(k);
      }
      assertSameAnswer(mutated);
    }
  }

  @Test
  void jsonThatIsNotOneObjectOrNotText() {
    String example = SaleParserTest.EXAMPLE;
    List<String> payloads = List.of("", " ", "\n\t", "null", "true", "42", "-1e400", "1e-2147483648", "\"s\"", "[]",
        "[{}]", "{}", "{} ", "{}{}", "{} {}", "{} x", "{},", "{\"a\":1}}", "{\"a\":}", "{\"a\" 1}", "{a:1}",
        "\ufeff" + example, "\ufeff\ufeff{}", " \ufeff{}", "\u0000{}", "{\u0000}", "{}\u0000",
        "\u0000\u0000\u0000{", "{\"\u0000\":1}", example + "\n", example + " x", example + "}", example + example,
        "{\"a\":1,\"a\":1}", "{\"x\":{\"a\":1,\"b\":2,\"a\":3}}", "{\"x\":[{\"a\":1},{\"a\":1,\"a\":2}]}",
        "{\"transaction_id\":\"t\",\"transaction_id\":null}", "{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        "{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "{\"x\":1e2147483648}",
        "{\"x\":-1e2147483648}", "{\"x\":1e-2147483648}", "{\"x\":[1e-2147483648]}", "{\"x\":{\"y\":1e-2147483648}}",
        "{\"x\":" + "1".repeat(1001) + "}", "{\"x\":1." + "1".repeat(1000) + "}", "{\"x\":NaN}", "{\"x\":\"\\q\"}",
        "{\"x\":\"\t\"}", "{\"x\":'a'}", "{\"x\":01}", "{\"x\":1.}", "{\"x\":.5}", "{\"x\":+1}", "{\"x\":tru}",
        "{\"items\":[{\"product_id\":\"p\",\"product_id\":\"q\"}]}", "{\"items\":[{\"z\":1,\"z\":2}]}",
        "{\"items\":[1e-2147483648]}", "{\"items\":[{\"quantity\":1e-2147483648}]}", "{\"items\":[{\"n\":{\"a\":1,\"a\":1}}]}");
    for (String payload : payloads) {
      assertSameAnswer(payload);
    }
    assertSameAnswer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    assertSameAnswer(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
    assertSameAnswer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
    assertSameAnswer(new byte[] {0, '{', 0, '}'});
    assertSameAnswer(new byte[] {'{', 0, '}', 0});
    assertSameAnswer(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
    assertSameAnswer(new byte[SaleParser.MAX_PAYLOAD_BYTES + 1]);
  }

  @Property(tries = 3000)
  void anyJsonValueInAnyTopLevelField(@ForAll("topLevelFields") String field, @ForAll("jsonValues") String value) {
    assertSameAnswer(SaleParserTest.exampleWith(field, value));
  }

  @Property(tries = 3000)
  void anyJsonValueInAnyItemField(@ForAll("itemFields") String field, @ForAll("jsonValues") String value) {
    assertSameAnswer(SaleParserTest.itemWith(field, value));
  }

  @Property(tries = 3000)
  void extremeNumbersAsPriceOrQuantity(@ForAll("numericItemFields") String field,
      @ForAll("extremeNumbers") String number) {
    assertSameAnswer(SaleParserTest.itemWith(field, number));
  }

  @Property(tries = 1000)
  void extremeNumbersInFieldsNobodyReads(@ForAll("extremeNumbers") String number) {
    assertSameAnswer(SaleParserTest.EXAMPLE.replace("{\"transaction_id\"", "{\"note\":" + number + ",\"transaction_id\""));
    assertSameAnswer(SaleParserTest.itemWith("unit_price", "3.49, \"weight\": [" + number + "]"));
  }

  @Property(tries = 2000)
  void mutatedValidEvents(@ForAll("mutatedExamples") String payload) {
    assertSameAnswer(payload);
  }

  @Property(tries = 1000)
  void escapedSurrogatesInTextFields(@ForAll("textFields") String field, @ForAll("surrogateEscapes") String escaped) {
    assertSameAnswer(SaleParserTest.exampleWith(field, "\"id-" + escaped + "\""));
  }

  /** Whole objects: any order, fields repeated or missing, unknown fields, items of any shape. */
  @Property(tries = 5000)
  void salesOfAnyShape(@ForAll("sales") String payload) {
    assertSameAnswer(payload);
  }

  @Property(tries = 3000)
  void timestampsOfAnyShape(@ForAll("timestamps") String timestamp) {
    assertSameAnswer(SaleParserTest.exampleWith("timestamp", "\"" + timestamp + "\""));
  }

  @Property(tries = 5000)
  void rfc3339ReadsEveryTimestampAsJavaTimesFormatterDid(@ForAll("timestamps") String timestamp) {
    assertEquals(FormatterRfc3339.parse(timestamp), Rfc3339.parse(timestamp), timestamp);
  }

  @Test
  void rfc3339AtEveryOffsetEveryDayOfMonthAndTheEdgesOfTheRange() {
    List<String> timestamps = new ArrayList<>();
    for (String sign : List.of("+", "-")) {
      for (int hours = 0; hours <= 25; hours++) {
        for (int minutes : new int[] {0, 1, 30, 59, 60, 99}) {
          timestamps.add(String.format("2026-11-24T10:15:30%s%02d:%02d", sign, hours, minutes));
        }
      }
    }
    for (int year : new int[] {0, 1, 4, 100, 400, 1900, 1970, 2000, 2024, 2026, 9999}) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          timestamps.add(String.format("%04d-%02d-%02dT23:59:59.999Z", year, month, day));
        }
      }
    }
    timestamps.addAll(List.of("0001-01-01T00:00:00+00:01", "0001-01-01T00:00:00-00:01", "0001-01-01T00:00:00Z",
        "0000-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999-00:01",
        "9999-12-31T23:59:59+00:01", "1969-12-31T23:59:59.9999Z", "1969-12-31T23:59:59.0001Z"));
    for (String timestamp : timestamps) {
      assertEquals(FormatterRfc3339.parse(timestamp), Rfc3339.parse(timestamp), timestamp);
    }
  }

  @Provide
  Arbitrary<String> topLevelFields() {
    return Arbitraries.of(TOP_LEVEL_FIELDS);
  }

  @Provide
  Arbitrary<String> itemFields() {
    return Arbitraries.of("product_id", "quantity", "unit_price");
  }

  @Provide
  Arbitrary<String> numericItemFields() {
    return Arbitraries.of("quantity", "unit_price");
  }

  @Provide
  Arbitrary<String> textFields() {
    return Arbitraries.of("transaction_id", "store_id", "customer_id", "payment_method");
  }

  @Provide
  Arbitrary<String> jsonValues() {
    return VALUES.jsonValues();
  }

  @Provide
  Arbitrary<String> extremeNumbers() {
    return VALUES.extremeNumbers();
  }

  @Provide
  Arbitrary<String> mutatedExamples() {
    return VALUES.mutatedExamples();
  }

  @Provide
  Arbitrary<String> surrogateEscapes() {
    return VALUES.surrogateEscapes();
  }

  @Provide
  Arbitrary<String> sales() {
    Arbitrary<String> goodValue = Arbitraries.of("\"t-1\"", "\"store-07\"", "\"2026-11-24T10:15:30.123Z\"", "\"card\"",
        "\"EUR\"", "\"USD\"", "null", "\"  \"");
    Arbitrary<String> anyValue = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, goodValue), net.jqwik.api.Tuple.of(1, jsonValues()));
    Arbitrary<String> item = Combinators.combine(
            Arbitraries.of("product_id", "quantity", "unit_price", "weight", "quantity", "unit_price", "product_id")
                .list().ofMaxSize(5),
            Arbitraries.of("\"p-1\"", "2", "3.49", "1.5", "0", "-1", "\"\"", "null", "12.00", "1e2", "{}", "[]"))
        .as((names, value) -> {
          StringBuilder s = new StringBuilder("{");
          for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":")
                .append(names.get(i).equals("product_id") ? "\"p-" + i + "\"" : i % 2 == 0 ? value : "2");
          }
          return s.append('}').toString();
        });
    Arbitrary<String> items = Arbitraries.oneOf(
        item.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
        jsonValues());
    Arbitrary<String> field = Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of(TOP_LEVEL_FIELDS).filter(f -> !f.equals("items")), anyValue)
            .as((name, value) -> "\"" + name + "\":" + value),
        items.map(value -> "\"items\":" + value),
        Combinators.combine(Arbitraries.of("note", "x", "loyalty", "items2"), jsonValues())
            .as((name, value) -> "\"" + name + "\":" + value));
    return Combinators.combine(field.list().ofMinSize(0).ofMaxSize(10), Arbitraries.of("", " ", "\n", " x", "{}"))
        .as((fields, tail) -> "{" + String.join(",", fields) + "}" + tail);
  }

  @Provide
  Arbitrary<String> timestamps() {
    Arbitrary<String> valid = Arbitraries.of("2026-11-24T10:15:30Z", "2026-11-24t10:15:30.123456789z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T23:59:59+18:00",
        "0000-12-31T23:00:00-01:00", "2026-11-24T10:15:30.5-05:30", "1970-01-01T00:00:00.000000001Z");
    Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 34),
            Arbitraries.of('0', '1', '2', '3', '5', '9', ':', '-', '+', '.', 'T', 't', 'Z', 'z', ' ', 'x', '\u0661',
                'ſ', 'K'),
            Arbitraries.of("replace", "insert", "delete"))
        .as((text, at, c, how) -> {
          StringBuilder s = new StringBuilder(text);
          int i = Math.min(at, s.length());
          switch (how) {
            case "replace" -> {
              if (i < s.length()) {
                s.setCharAt(i, c);
              }
            }
            case "insert" -> s.insert(i, c);
            default -> {
              if (i < s.length()) {
                s.deleteCharAt(i);
              }
            }
          }
          return s.toString();
        });
    Arbitrary<String> fields = Combinators.combine(
            Arbitraries.integers().between(0, 10000), Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 25),
            Arbitraries.integers().between(0, 61), Arbitraries.integers().between(0, 61),
            Arbitraries.of("", ".0", ".5", ".123456789", ".1234567890", "."),
            Arbitraries.of("Z", "z", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01", "+19:00", "+23:59", "+24:00",
                "+05:60", "+0530", "+05", "+5:30", ""))
        .as((y, mo, d, h, mi, s, fraction, offset) -> String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s",
            y, mo, d, h, mi, s, fraction, offset));
    return Arbitraries.oneOf(valid, mutated, fields);
  }
}
