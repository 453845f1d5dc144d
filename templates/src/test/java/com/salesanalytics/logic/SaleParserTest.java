package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.SaleEvent;
import com.salesanalytics.model.Stage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.joda.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The event contract of docs/event-contract.md, rule by rule. */
class SaleParserTest {

  /** The contract's example, verbatim. */
  static final String EXAMPLE = """
      {"transaction_id":"t-000042","store_id":"store-07","customer_id":"c-1093",
       "timestamp":"2026-11-24T10:15:30.123Z","payment_method":"card","currency":"USD",
       "items":[{"product_id":"p-100","quantity":2,"unit_price":3.49},
                {"product_id":"p-205","quantity":1,"unit_price":12.00}]}""";

  static ParseResult parse(String json) {
    return SaleParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static SaleEvent valid(String json) {
    ParseResult result = parse(json);
    if (result instanceof ParseResult.Invalid invalid) {
      throw new AssertionError("expected a valid sale, got " + invalid.rejection());
    }
    return ((ParseResult.Valid) result).sale();
  }

  static Rejection rejected(String json) {
    return rejected(json.getBytes(StandardCharsets.UTF_8));
  }

  static Rejection rejected(byte[] payload) {
    ParseResult result = SaleParser.parse(payload);
    return assertInstanceOf(ParseResult.Invalid.class, result, "expected a rejection").rejection();
  }

  /** The example with one top-level field replaced by raw JSON (or removed when null). */
  static String exampleWith(String field, String rawJsonValue) {
    String base = "{\"transaction_id\":\"t-000042\",\"store_id\":\"store-07\",\"customer_id\":\"c-1093\","
        + "\"timestamp\":\"2026-11-24T10:15:30.123Z\",\"payment_method\":\"card\",\"currency\":\"USD\","
        + "\"items\":[{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":3.49}]}";
    String pattern = "\"" + field + "\":(\"[^\"]*\"|\\[.*\\]|[^,}]+)";
    return rawJsonValue == null
        ? base.replaceFirst(pattern + ",?", "").replace(",}", "}")
        : base.replaceFirst(pattern, "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(rawJsonValue));
  }

  /** The example with its one item's field replaced by raw JSON (or removed when null). */
  static String itemWith(String field, String rawJsonValue) {
    String item = switch (field) {
      case "product_id" -> rawJsonValue == null ? "{\"quantity\":2,\"unit_price\":3.49}"
          : "{\"product_id\":" + rawJsonValue + ",\"quantity\":2,\"unit_price\":3.49}";
      case "quantity" -> rawJsonValue == null ? "{\"product_id\":\"p-100\",\"unit_price\":3.49}"
          : "{\"product_id\":\"p-100\",\"quantity\":" + rawJsonValue + ",\"unit_price\":3.49}";
      case "unit_price" -> rawJsonValue == null ? "{\"product_id\":\"p-100\",\"quantity\":2}"
          : "{\"product_id\":\"p-100\",\"quantity\":2,\"unit_price\":" + rawJsonValue + "}";
      default -> throw new IllegalArgumentException(field);
    };
    return exampleWith("items", "[" + item + "]");
  }

  @Nested
  @DisplayName("a valid sale")
  class ValidSales {
    @Test
    void theContractExampleParsesWithEveryField() {
      SaleEvent sale = valid(EXAMPLE);
      assertEquals("t-000042", sale.transactionId());
      assertEquals("store-07", sale.storeId());
      assertEquals("c-1093", sale.customerId());
      assertEquals(Instant.parse("2026-11-24T10:15:30.123Z"), sale.timestamp());
      assertEquals("card", sale.paymentMethod());
      assertEquals("USD", sale.currency());
      assertEquals(2, sale.items().size());
      assertEquals(new LineItem("p-100", 2, new BigDecimal("3.49")), sale.items().get(0));
      assertEquals(0, new BigDecimal("12").compareTo(sale.items().get(1).unitPrice()));
    }

    @Test
    void anAbsentCurrencyDefaultsToUsd() {
      assertEquals("USD", valid(exampleWith("currency", null)).currency());
    }

    @Test
    void aNullCurrencyDefaultsToUsd() {
      assertEquals("USD", valid(exampleWith("currency", "null")).currency());
    }

    @Test
    void anAbsentOrNullCustomerIsAnonymous() {
      assertNull(valid(exampleWith("customer_id", null)).customerId());
      assertNull(valid(exampleWith("customer_id", "null")).customerId());
    }

    @Test
    void paymentMethodIsOptional() {
      assertNull(valid(exampleWith("payment_method", null)).paymentMethod());
    }

    @Test
    void unknownFieldsAreIgnored() {
      SaleEvent sale = valid(EXAMPLE.replace("{\"transaction_id\"",
          "{\"loyalty\":{\"tier\":\"gold\",\"points\":[1,2]},\"note\":null,\"transaction_id\""));
      assertEquals("t-000042", sale.transactionId());
    }

    @ParameterizedTest
    @CsvSource({
      "2026-11-24T10:15:30Z, 2026-11-24T10:15:30.000Z",
      "2026-11-24T11:15:30+01:00, 2026-11-24T10:15:30.000Z",
      "2026-11-24T05:15:30.5-05:00, 2026-11-24T10:15:30.500Z",
      "2026-11-24t10:15:30.123456789z, 2026-11-24T10:15:30.123Z",
    })
    void timestampsWithAnyOffsetAreNormalisedToUtc(String given, String expected) {
      assertEquals(Instant.parse(expected), valid(exampleWith("timestamp", "\"" + given + "\"")).timestamp());
    }

    @Test
    void pricesKeepEveryDecimalUpToNine() {
      SaleEvent sale = valid(itemWith("unit_price", "0.123456789"));
      assertEquals(new BigDecimal("0.123456789"), sale.items().get(0).unitPrice());
    }

    @ParameterizedTest
    @CsvSource({"2, 2", "2.0, 2", "1e2, 100", "1000000, 1000000"})
    void aQuantityIsAnyIntegralNumberAsInJsonSchema(String written, long quantity) {
      assertEquals(quantity, valid(itemWith("quantity", written)).items().get(0).quantity());
    }

    @Test
    void aFreeItemIsValid() {
      assertEquals(0, valid(itemWith("unit_price", "0")).items().get(0).unitPrice().signum());
    }
  }

  @Nested
  @DisplayName("INVALID_JSON, at stage parse")
  class InvalidJson {
    @ParameterizedTest
    @ValueSource(strings = {
      "not json", "{\"transaction_id\": ", "[1,2,3]", "42", "\"a string\"", "null", "", "   ",
      "{\"a\":1} trailing", "{\"amount\": NaN}", "{\"amount\": Infinity}", "{'single':'quotes'}",
      "{\"transaction_id\":\"a\",\"transaction_id\":\"b\"}"
    })
    void anythingThatIsNotOneJsonObjectIsInvalidJson(String payload) {
      Rejection rejection = rejected(payload);
      assertEquals(ErrorCode.INVALID_JSON, rejection.code());
      assertEquals(Stage.PARSE, rejection.stage());
    }

    @Test
    void bytesThatAreNotUtf8AreInvalidJson() {
      byte[] payload = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
      Rejection rejection = rejected(payload);
      assertEquals(ErrorCode.INVALID_JSON, rejection.code());
      assertTrue(rejection.message().contains("UTF-8"), rejection.message());
    }

    @Test
    void deepNestingIsRefusedWithoutRecursingIntoIt() {
      String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
      assertEquals(ErrorCode.INVALID_JSON, rejected(deep).code());
    }

    @Test
    void aPayloadOverOneMebibyteIsRefusedBeforeParsing() {
      String huge = EXAMPLE.replace("\"card\"", "\"" + "x".repeat(SaleParser.MAX_PAYLOAD_BYTES) + "\"");
      Rejection rejection = rejected(huge);
      assertEquals(ErrorCode.INVALID_JSON, rejection.code());
      assertTrue(rejection.message().contains("bytes"), rejection.message());
    }

    @Test
    void aMessageNeverEchoesAHugeValue() {
      Rejection rejection = rejected("{\"transaction_id\": " + "9".repeat(5000) + "}");
      assertTrue(rejection.message().length() < 300, "message is " + rejection.message().length() + " chars");
    }
  }

  @Nested
  @DisplayName("MISSING_FIELD")
  class MissingField {
    @ParameterizedTest
    @CsvSource(nullValues = "ABSENT", value = {
      "transaction_id, ABSENT", "transaction_id, null", "transaction_id, '\"\"'", "transaction_id, '\"   \"'",
      "store_id, ABSENT", "store_id, null", "store_id, '\"\"'",
      "timestamp, ABSENT", "timestamp, null", "timestamp, '\"  \"'",
      "items, ABSENT", "items, null",
    })
    void aRequiredFieldThatIsAbsentNullOrBlankIsMissing(String field, String value) {
      Rejection rejection = rejected(exampleWith(field, value));
      assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
      assertEquals(Stage.VALIDATE, rejection.stage());
      assertTrue(rejection.message().startsWith(field + " "), rejection.message());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "ABSENT", value = {
      "product_id, ABSENT", "product_id, null", "product_id, '\"\"'", "quantity, ABSENT", "quantity, null",
      "unit_price, ABSENT", "unit_price, null"})
    void aRequiredItemFieldNamesItsPath(String field, String value) {
      Rejection rejection = rejected(itemWith(field, value));
      assertEquals(ErrorCode.MISSING_FIELD, rejection.code());
      assertTrue(rejection.message().startsWith("items[0]." + field), rejection.message());
    }

    @Test
    void theFirstBrokenRuleInContractOrderIsReported() {
      String noStoreAndBadCurrency = exampleWith("store_id", null).replace("\"USD\"", "\"usd\"");
      assertEquals(ErrorCode.MISSING_FIELD, rejected(noStoreAndBadCurrency).code());
    }
  }

  @Nested
  @DisplayName("INVALID_FIELD")
  class InvalidField {
    @ParameterizedTest
    @CsvSource({"transaction_id, 42", "store_id, 7", "store_id, true", "customer_id, 1093",
      "payment_method, '{\"type\":\"card\"}'", "items, '\"p-100\"'", "items, '{\"product_id\":\"p-1\"}'"})
    void aFieldOfTheWrongJsonTypeIsInvalid(String field, String value) {
      Rejection rejection = rejected(exampleWith(field, value));
      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertTrue(rejection.message().startsWith(field), rejection.message());
    }

    @Test
    void anItemThatIsNotAnObjectIsInvalid() {
      Rejection rejection = rejected(exampleWith("items", "[\"p-100\"]"));
      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertTrue(rejection.message().startsWith("items[0]"), rejection.message());
    }

    @Test
    void aOneMegabyteIdIsRefused() {
      String id = "t".repeat(1_000_000);
      Rejection rejection = rejected(exampleWith("transaction_id", "\"" + id + "\""));
      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertTrue(rejection.message().contains("at most " + SaleParser.MAX_TEXT_LENGTH), rejection.message());
    }
  }

  @Nested
  @DisplayName("INVALID_TIMESTAMP")
  class InvalidTimestamp {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T10:15:30", "2026-11-24 10:15:30Z", "2026-11-24T10:15Z", "2026-13-01T00:00:00Z",
      "2026-02-30T00:00:00Z", "24/11/2026 10:15", "yesterday", "2026-11-24T25:00:00Z", "2026-11-24T10:15:30+25:00"})
    void aStringThatIsNotRfc3339WithAnOffsetIsInvalid(String timestamp) {
      Rejection rejection = rejected(exampleWith("timestamp", "\"" + timestamp + "\""));
      assertEquals(ErrorCode.INVALID_TIMESTAMP, rejection.code());
      assertTrue(rejection.message().contains(timestamp), rejection.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"})
    void aTimeOutsideBigQuerysTimestampRangeIsInvalid(String timestamp) {
      // BigQuery TIMESTAMP holds 0001-01-01 to 9999-12-31 (UTC); RFC 3339 alone would allow year 0000.
      assertEquals(ErrorCode.INVALID_TIMESTAMP, rejected(exampleWith("timestamp", "\"" + timestamp + "\"")).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"})
    void theFirstAndLastInstantsBigQueryHoldsAreValid(String timestamp) {
      assertEquals(Instant.parse(timestamp), valid(exampleWith("timestamp", "\"" + timestamp + "\"")).timestamp());
    }

    @Test
    void anEpochNumberIsInvalid() {
      assertEquals(ErrorCode.INVALID_TIMESTAMP, rejected(exampleWith("timestamp", "1764000000")).code());
    }
  }

  @Test
  void anEmptyItemArrayIsEmptyItems() {
    Rejection rejection = rejected(exampleWith("items", "[]"));
    assertEquals(ErrorCode.EMPTY_ITEMS, rejection.code());
    assertEquals(Stage.VALIDATE, rejection.stage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.5", "2.0000001", "1e-1", "\"2\"", "true", "1000001", "1e7",
    "99999999999999999999999"})
  void aQuantityThatIsNotAWholeNumberFromOneToAMillionIsInvalid(String quantity) {
    Rejection rejection = rejected(itemWith("quantity", quantity));
    assertEquals(ErrorCode.INVALID_QUANTITY, rejection.code());
    assertTrue(rejection.message().startsWith("items[0].quantity"), rejection.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.01", "\"3.49\"", "false", "0.0000000001", "1e30", "1000000000.01", "[3.49]"})
  void aPriceThatIsNotANonNegativeDecimalInRangeIsInvalid(String price) {
    Rejection rejection = rejected(itemWith("unit_price", price));
    assertEquals(ErrorCode.INVALID_PRICE, rejection.code());
    assertTrue(rejection.message().startsWith("items[0].unit_price"), rejection.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"usd\"", "\"US\"", "\"USDT\"", "\"\"", "840", "\"U$D\""})
  void aCurrencyThatIsNotThreeUpperCaseLettersIsInvalid(String currency) {
    Rejection rejection = rejected(exampleWith("currency", currency));
    assertEquals(ErrorCode.INVALID_CURRENCY, rejection.code());
    assertTrue(rejection.message().startsWith("currency"), rejection.message());
  }

  @Nested
  @DisplayName("numbers at the edges of BigDecimal and double")
  class ExtremeNumbers {
    @Test
    void aPriceWrittenWithTrailingZerosIsKeptAtTheScaleOfItsValue() {
      // Scale 20 as written; BigQuery NUMERIC refuses more than 9 places, DuckDB would silently rescale.
      LineItem item = valid(itemWith("unit_price", "1.50000000000000000000")).items().get(0);
      assertEquals(new BigDecimal("1.5"), item.unitPrice());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0e-1000000", "0e-2147483647", "0E+2147483647", "0.000000000000000000000", "-0.0"})
    void aZeroPriceWrittenWithAnyExponentIsPlainZero(String price) {
      assertEquals(BigDecimal.ZERO, valid(itemWith("unit_price", price)).items().get(0).unitPrice());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+9", "1000000000.000000000000", "123456789e-9", "0.5e1"})
    void aPriceInRangeIsAcceptedHoweverItIsWritten(String price) {
      BigDecimal unitPrice = valid(itemWith("unit_price", price)).items().get(0).unitPrice();
      assertEquals(0, new BigDecimal(price).compareTo(unitPrice));
      assertTrue(unitPrice.scale() >= 0 && unitPrice.scale() <= 9, "scale " + unitPrice.scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e309", "-1e309", "1e400", "1e2147483647", "1e-2147483647", "5e-10",
      "1.0000000001", "1000000000.000000001"})
    void aPriceBeyondRangeOrPrecisionIsInvalidPrice(String price) {
      Rejection rejection = rejected(itemWith("unit_price", price));
      assertEquals(ErrorCode.INVALID_PRICE, rejection.code());
      assertTrue(rejection.message().startsWith("items[0].unit_price"), rejection.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1e400", "1e400", "1e2147483647", "1e-2147483647", "0e-2147483647", "1e309"})
    void aQuantityBeyondRangeIsInvalidQuantity(String quantity) {
      Rejection rejection = rejected(itemWith("quantity", quantity));
      assertEquals(ErrorCode.INVALID_QUANTITY, rejection.code());
      assertTrue(rejection.message().startsWith("items[0].quantity"), rejection.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2e0", "200e-2", "0.02e2", "2.000000000000000000000000"})
    void anIntegralQuantityWithAnExponentIsItsValue(String quantity) {
      assertEquals(2, valid(itemWith("quantity", quantity)).items().get(0).quantity());
    }
  }

  @Nested
  @DisplayName("text is kept exactly or refused")
  class ExactText {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "transaction_id | \"sur-\\udbff\"",
      "transaction_id | \"\\udc00-tail\"",
      "store_id       | \"store-\\ud800\"",
      "customer_id    | \"c-\\udfff\"",
      "payment_method | \"card\\ud83d\""})
    void aStringWithAnUnpairedSurrogateEscapeIsRefusedNotAltered(String field, String value) {
      Rejection rejection = rejected(exampleWith(field, value));
      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertTrue(rejection.message().startsWith(field + " "), rejection.message());
      assertTrue(rejection.message().contains("unpaired UTF-16 surrogate"), rejection.message());
    }

    @Test
    void aProductIdWithAnUnpairedSurrogateEscapeIsRefused() {
      Rejection rejection = rejected(itemWith("product_id", "\"p-\\udbff\""));
      assertEquals(ErrorCode.INVALID_FIELD, rejection.code());
      assertTrue(rejection.message().startsWith("items[0].product_id"), rejection.message());
    }

    @Test
    void anEscapedSurrogatePairIsTheCharacterItEncodes() {
      SaleEvent sale = valid(exampleWith("transaction_id", "\"t-\\ud83d\\ude00\""));
      assertEquals("t-\ud83d\ude00", sale.transactionId());
      assertEquals("t-😀".length(), sale.transactionId().length());
    }

    @Test
    void theRawTableDoesNotClusterOnAnUnpairedSurrogate() {
      byte[] payload = exampleWith("store_id", "\"store-\\udbff\"").getBytes(StandardCharsets.UTF_8);
      assertTrue(SaleParser.storeIdOf(payload).isEmpty());
    }
  }

  @Test
  void noInputMakesTheParserThrow() {
    Random random = new Random(7);
    String json = EXAMPLE;
    for (int i = 0; i < 20_000; i++) {
      byte[] payload;
      if (i % 2 == 0) {
        payload = new byte[random.nextInt(200)];
        random.nextBytes(payload);
      } else {
        // Mutate the valid example: delete, duplicate or swap a random span.
        StringBuilder s = new StringBuilder(json);
        int at = random.nextInt(s.length());
        int len = Math.min(s.length() - at, random.nextInt(12));
        if (random.nextBoolean()) {
          s.delete(at, at + len);
        } else {
          int from = random.nextInt(s.length() - len + 1);
          s.insert(at, s.substring(from, from + len));
        }
        payload = s.toString().getBytes(StandardCharsets.UTF_8);
      }
      ParseResult result = SaleParser.parse(payload);
      if (result instanceof ParseResult.Invalid invalid) {
        assertTrue(invalid.rejection().message().length() < 400);
      }
    }
  }

  @Test
  void storeIdIsReadBestEffortForClustering() {
    assertEquals("store-07", SaleParser.storeIdOf(EXAMPLE.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    assertTrue(SaleParser.storeIdOf("not json".getBytes(StandardCharsets.UTF_8)).isEmpty());
    assertTrue(SaleParser.storeIdOf(exampleWith("store_id", "7").getBytes(StandardCharsets.UTF_8)).isEmpty());
  }
}
