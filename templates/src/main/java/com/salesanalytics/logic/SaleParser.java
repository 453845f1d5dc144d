package com.salesanalytics.logic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.SaleEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads one payload against the event contract (docs/event-contract.md). Total: every input, however
 * malformed, yields either a {@link SaleEvent} or a {@link Rejection}; it never throws.
 *
 * <p>Checks run in the order of the contract and the first failure is reported, so the same bad
 * payload always gets the same code.
 *
 * <p>Every message pays for this, so it reads in one streaming pass ({@link SaleFields}) rather than
 * through a Jackson tree; what it accepts and every code and message are those of the tree-based
 * reader it replaced, which SaleParserDifferentialTest keeps as its oracle.
 */
public final class SaleParser {

  /** Larger payloads are rejected before parsing; Pub/Sub itself allows 10 MB. */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  /** Longest id or label accepted; keeps a runaway producer from filling the warehouse. */
  public static final int MAX_TEXT_LENGTH = 256;
  public static final long MAX_QUANTITY = 1_000_000;
  /** Highest unit price; with {@link #MAX_QUANTITY} keeps every total inside BigQuery NUMERIC. */
  public static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000000");
  private static final int MAX_UNIT_PRICE_DIGITS = 10;
  private static final int MAX_QUANTITY_DIGITS = 7;
  /** BigQuery NUMERIC keeps 9 decimal places; more would be rounded, so it is refused. */
  public static final int MAX_PRICE_SCALE = 9;
  public static final String DEFAULT_CURRENCY = "USD";

  /** For {@link #storeIdOf}: the contract's parser settings, a repeated key refused as ever. */
  private static final JsonFactory STRICT_JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(SaleFields.MAX_NESTING_DEPTH).build())
      .build();

  private SaleParser() {}

  public static ParseResult parse(byte[] payload) {
    try {
      return new ParseResult.Valid(read(payload));
    } catch (InvalidSale e) {
      return new ParseResult.Invalid(e.rejection);
    }
  }

  /**
   * The top-level {@code store_id} if the payload is a JSON object that has one as a string; used to
   * cluster the raw table, so it never fails. Reads tokens only up to that field (every raw message
   * pays for this), skipping other values unparsed; it does not validate the rest of the payload.
   */
  public static Optional<String> storeIdOf(byte[] payload) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      return Optional.empty();
    }
    try (JsonParser parser = STRICT_JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean isStoreId = "store_id".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (isStoreId) {
          return value == JsonToken.VALUE_STRING && parser.getTextLength() <= MAX_TEXT_LENGTH
              ? Optional.of(parser.getText()).filter(t -> UnicodeText.firstUnpairedSurrogate(t).isEmpty())
              : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static SaleEvent read(byte[] payload) throws InvalidSale {
    SaleFields sale = fieldsOf(payload);
    String transactionId = requiredText(sale.transactionId, "transaction_id");
    String storeId = requiredText(sale.storeId, "store_id");
    String timestampText = requiredTimestampText(sale.timestamp);
    var timestamp = Rfc3339.parse(timestampText).orElseThrow(() ->
        invalid(ErrorCode.INVALID_TIMESTAMP,
            "timestamp " + quote(timestampText)
                + " is not an RFC 3339 date-time with an offset, e.g. 2026-11-24T10:15:30.123Z"));
    List<LineItem> items = items(sale.items);
    String customerId = optionalText(sale.customerId, "customer_id").filter(s -> !s.isBlank()).orElse(null);
    String paymentMethod = optionalText(sale.paymentMethod, "payment_method").orElse(null);
    String currency = currency(sale.currency);
    return new SaleEvent(transactionId, storeId, customerId, timestamp, paymentMethod, currency, items);
  }

  private static SaleFields fieldsOf(byte[] payload) throws InvalidSale {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new InvalidSale(Rejection.parse(
          "payload is " + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES + " are accepted"));
    }
    if (!PayloadText.isUtf8(payload)) {
      throw new InvalidSale(Rejection.parse("payload is not valid UTF-8 text"));
    }
    try {
      return SaleFields.read(payload);
    } catch (IOException | RuntimeException e) {
      throw new InvalidSale(JsonFaults.of(new String(payload, StandardCharsets.UTF_8)));
    }
  }

  private static String requiredTimestampText(Object value) throws InvalidSale {
    if (JsonValues.isAbsent(value) || (value instanceof String text && text.isBlank())) {
      throw missing("timestamp");
    }
    if (!(value instanceof String text)) {
      throw invalid(ErrorCode.INVALID_TIMESTAMP,
          "timestamp must be an RFC 3339 string, got a " + JsonValues.typeName(value));
    }
    return text;
  }

  private static List<LineItem> items(Object value) throws InvalidSale {
    if (JsonValues.isAbsent(value)) {
      throw missing("items");
    }
    if (!(value instanceof List<?> elements)) {
      throw invalid(ErrorCode.INVALID_FIELD, "items must be an array, got a " + JsonValues.typeName(value));
    }
    if (elements.isEmpty()) {
      throw invalid(ErrorCode.EMPTY_ITEMS, "items is empty; a sale needs at least one item");
    }
    List<LineItem> items = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      items.add(item(elements.get(i), i));
    }
    return items;
  }

  /** Paths such as {@code items[0].quantity} are only spelled out for a message. */
  private static LineItem item(Object element, int index) throws InvalidSale {
    if (!(element instanceof SaleFields.Item item)) {
      throw invalid(ErrorCode.INVALID_FIELD,
          itemPath(index, "") + " must be an object, got a " + JsonValues.typeName(element));
    }
    String productId = requiredText(item.productId, index, ".product_id");
    return new LineItem(productId, quantity(item.quantity, index), unitPrice(item.unitPrice, index));
  }

  private static String itemPath(int index, String field) {
    return "items[" + index + "]" + field;
  }

  /**
   * A whole number from 1 to {@link #MAX_QUANTITY}. As in JSON Schema, a number whose value is
   * integral is an integer however it is written ({@code 2}, {@code 2.0}, {@code 1e2}); serialisers
   * that only have floats write quantities that way.
   */
  private static long quantity(Object value, int index) throws InvalidSale {
    if (value instanceof Integer whole && whole >= 1 && whole <= MAX_QUANTITY) {
      return whole; // the usual case, which the checks below would pass unchanged
    }
    String path = itemPath(index, ".quantity");
    if (JsonValues.isAbsent(value)) {
      throw missing(path);
    }
    if (!(value instanceof Number number)) {
      throw invalid(ErrorCode.INVALID_QUANTITY, path + " must be a whole number, got " + JsonValues.describe(value));
    }
    BigDecimal quantity = ExactNumbers.exact(number)
        .filter(q -> ExactNumbers.integerDigits(q) <= MAX_QUANTITY_DIGITS)
        .orElseThrow(() -> invalid(ErrorCode.INVALID_QUANTITY,
            path + " must be between 1 and " + MAX_QUANTITY + ", got " + abbreviate(describeNumber(number))));
    BigDecimal whole = ExactNumbers.atMostScale(quantity, 0).orElseThrow(() -> invalid(ErrorCode.INVALID_QUANTITY,
        path + " must be a whole number, got " + JsonValues.describe(value)));
    if (whole.compareTo(BigDecimal.ONE) < 0 || whole.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
      throw invalid(ErrorCode.INVALID_QUANTITY,
          path + " must be between 1 and " + MAX_QUANTITY + ", got " + abbreviate(describeNumber(number)));
    }
    return whole.longValueExact();
  }

  /**
   * A number from 0 to {@link #MAX_UNIT_PRICE} with at most {@link #MAX_PRICE_SCALE} decimal places,
   * returned at the smallest scale that holds it ({@code 1.50000} is 1.5), so that the totals and
   * both warehouses see the same exact value.
   */
  private static BigDecimal unitPrice(Object value, int index) throws InvalidSale {
    if (JsonValues.isAbsent(value)) {
      throw missing(itemPath(index, ".unit_price"));
    }
    if (!(value instanceof Number number)) {
      throw invalid(ErrorCode.INVALID_PRICE,
          itemPath(index, ".unit_price") + " must be a number, got " + JsonValues.describe(value));
    }
    BigDecimal price = ExactNumbers.exact(number)
        .filter(p -> ExactNumbers.integerDigits(p) <= MAX_UNIT_PRICE_DIGITS)
        .filter(p -> p.signum() >= 0 && p.compareTo(MAX_UNIT_PRICE) <= 0)
        .orElseThrow(() -> invalid(ErrorCode.INVALID_PRICE,
            itemPath(index, ".unit_price") + " must be between 0 and " + MAX_UNIT_PRICE.toPlainString() + ", got "
                + abbreviate(describeNumber(number))));
    return ExactNumbers.atMostScale(price, MAX_PRICE_SCALE).orElseThrow(() -> invalid(ErrorCode.INVALID_PRICE,
        itemPath(index, ".unit_price") + " has more than " + MAX_PRICE_SCALE + " decimal places: "
            + abbreviate(describeNumber(number))));
  }

  private static String currency(Object value) throws InvalidSale {
    if (JsonValues.isAbsent(value)) {
      return DEFAULT_CURRENCY;
    }
    if (!(value instanceof String code) || !isThreeUpperCaseLetters(code)) {
      throw invalid(ErrorCode.INVALID_CURRENCY,
          "currency must be three upper-case letters (ISO 4217, e.g. USD), got " + JsonValues.describe(value));
    }
    return code;
  }

  /** {@code [A-Z]{3}}, without a regular expression. */
  private static boolean isThreeUpperCaseLetters(String code) {
    return code.length() == 3 && isUpperCaseLetter(code.charAt(0)) && isUpperCaseLetter(code.charAt(1))
        && isUpperCaseLetter(code.charAt(2));
  }

  private static boolean isUpperCaseLetter(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static String requiredText(Object value, String path) throws InvalidSale {
    if (JsonValues.isAbsent(value) || (value instanceof String text && text.isBlank())) {
      throw missing(path);
    }
    return checkedText(value, path);
  }

  private static String requiredText(Object value, int index, String field) throws InvalidSale {
    if (value instanceof String text && !text.isBlank() && isAcceptableText(text)) {
      return text; // the usual case, which the checks below would pass unchanged
    }
    return requiredText(value, itemPath(index, field));
  }

  private static Optional<String> optionalText(Object value, String field) throws InvalidSale {
    return JsonValues.isAbsent(value) ? Optional.empty() : Optional.of(checkedText(value, field));
  }

  private static boolean isAcceptableText(String text) {
    return text.length() <= MAX_TEXT_LENGTH && UnicodeText.firstUnpairedSurrogate(text).isEmpty();
  }

  private static String checkedText(Object value, String path) throws InvalidSale {
    if (!(value instanceof String text)) {
      throw invalid(ErrorCode.INVALID_FIELD, path + " must be a string, got " + JsonValues.describe(value));
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw invalid(ErrorCode.INVALID_FIELD,
          path + " is " + text.length() + " characters long; at most " + MAX_TEXT_LENGTH + " are allowed");
    }
    OptionalInt unpaired = UnicodeText.firstUnpairedSurrogate(text);
    if (unpaired.isPresent()) {
      throw invalid(ErrorCode.INVALID_FIELD, path + " contains an unpaired UTF-16 surrogate (\\u"
          + Integer.toHexString(text.charAt(unpaired.getAsInt())) + " at index " + unpaired.getAsInt()
          + "), which is not Unicode text and cannot be stored unaltered");
    }
    return text;
  }

  private static InvalidSale missing(String path) {
    return invalid(ErrorCode.MISSING_FIELD, path + " is required but is absent, null or blank");
  }

  private static InvalidSale invalid(ErrorCode code, String message) {
    return new InvalidSale(Rejection.validate(code, message));
  }

  /** A number as written where the reader kept it exactly; a double's overflow has no exact text. */
  private static String describeNumber(Number number) {
    return ExactNumbers.exact(number).map(BigDecimal::toString).orElse("a number beyond the range of a double");
  }

  private static String quote(String s) {
    return "\"" + abbreviate(s) + "\"";
  }

  /** Keeps messages one readable line even when the offending value is a megabyte long. */
  static String abbreviate(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() <= 64 && line.length() == s.length() ? s : line.substring(0, Math.min(60, line.length()))
        + "...(" + s.length() + " chars)";
  }

  /** Control flow inside the parser only; never escapes {@link #parse}. */
  private static final class InvalidSale extends Exception {
    private final Rejection rejection;

    InvalidSale(Rejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }
}
