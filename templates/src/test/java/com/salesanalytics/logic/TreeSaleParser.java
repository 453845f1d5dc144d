package com.salesanalytics.logic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.SaleEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The oracle of SaleParser: its implementation as it was when it read each payload into a Jackson
 * tree (and timestamps with java.time's formatter), kept unchanged so that tests can hold the
 * streaming SaleParser to exactly the answers, codes and messages this one gives.
 */
final class TreeSaleParser {

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

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_NESTING_DEPTH = 32;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
  }

  private TreeSaleParser() {}

  static ParseResult parse(byte[] payload) {
    try {
      return new ParseResult.Valid(read(payload));
    } catch (InvalidSale e) {
      return new ParseResult.Invalid(e.rejection);
    }
  }

  private static SaleEvent read(byte[] payload) throws InvalidSale {
    JsonNode root = parseObject(payload);
    String transactionId = requiredText(root, "transaction_id");
    String storeId = requiredText(root, "store_id");
    var timestamp = FormatterRfc3339.parse(requiredTimestampText(root)).orElseThrow(() ->
        invalid(ErrorCode.INVALID_TIMESTAMP,
            "timestamp " + quote(root.get("timestamp").asText())
                + " is not an RFC 3339 date-time with an offset, e.g. 2026-11-24T10:15:30.123Z"));
    List<LineItem> items = items(root);
    String customerId = optionalText(root, "customer_id").filter(s -> !s.isBlank()).orElse(null);
    String paymentMethod = optionalText(root, "payment_method").orElse(null);
    String currency = currency(root);
    return new SaleEvent(transactionId, storeId, customerId, timestamp, paymentMethod, currency, items);
  }

  private static JsonNode parseObject(byte[] payload) throws InvalidSale {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new InvalidSale(Rejection.parse(
          "payload is " + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES + " are accepted"));
    }
    String text = PayloadText.utf8(payload).orElseThrow(() ->
        new InvalidSale(Rejection.parse("payload is not valid UTF-8 text")));
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException | RuntimeException e) {
      throw new InvalidSale(Rejection.parse("payload is not valid JSON: " + firstLine(e.getMessage())));
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidSale(Rejection.parse("payload is empty"));
    }
    if (!root.isObject()) {
      throw new InvalidSale(Rejection.parse(
          "payload is a JSON " + typeName(root) + "; a sale must be a JSON object"));
    }
    return root;
  }

  private static String requiredTimestampText(JsonNode root) throws InvalidSale {
    JsonNode node = root.get("timestamp");
    if (isAbsent(node) || (node.isTextual() && node.asText().isBlank())) {
      throw missing("timestamp");
    }
    if (!node.isTextual()) {
      throw invalid(ErrorCode.INVALID_TIMESTAMP,
          "timestamp must be an RFC 3339 string, got a " + typeName(node));
    }
    return node.asText();
  }

  private static List<LineItem> items(JsonNode root) throws InvalidSale {
    JsonNode node = root.get("items");
    if (isAbsent(node)) {
      throw missing("items");
    }
    if (!node.isArray()) {
      throw invalid(ErrorCode.INVALID_FIELD, "items must be an array, got a " + typeName(node));
    }
    if (node.isEmpty()) {
      throw invalid(ErrorCode.EMPTY_ITEMS, "items is empty; a sale needs at least one item");
    }
    List<LineItem> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(item(node.get(i), "items[" + i + "]"));
    }
    return items;
  }

  private static LineItem item(JsonNode node, String path) throws InvalidSale {
    if (!node.isObject()) {
      throw invalid(ErrorCode.INVALID_FIELD, path + " must be an object, got a " + typeName(node));
    }
    String productId = requiredText(node, "product_id", path + ".product_id");
    return new LineItem(productId, quantity(node, path + ".quantity"), unitPrice(node, path + ".unit_price"));
  }

  /**
   * A whole number from 1 to {@link #MAX_QUANTITY}. As in JSON Schema, a number whose value is
   * integral is an integer however it is written ({@code 2}, {@code 2.0}, {@code 1e2}); serialisers
   * that only have floats write quantities that way.
   */
  private static long quantity(JsonNode item, String path) throws InvalidSale {
    JsonNode node = item.get("quantity");
    if (isAbsent(node)) {
      throw missing(path);
    }
    if (!node.isNumber()) {
      throw invalid(ErrorCode.INVALID_QUANTITY, path + " must be a whole number, got " + describe(node));
    }
    BigDecimal quantity = exact(node)
        .filter(q -> ExactNumbers.integerDigits(q) <= MAX_QUANTITY_DIGITS)
        .orElseThrow(() -> invalid(ErrorCode.INVALID_QUANTITY,
            path + " must be between 1 and " + MAX_QUANTITY + ", got " + abbreviate(describeNumber(node))));
    BigDecimal whole = ExactNumbers.atMostScale(quantity, 0).orElseThrow(() -> invalid(ErrorCode.INVALID_QUANTITY,
        path + " must be a whole number, got " + describe(node)));
    if (whole.compareTo(BigDecimal.ONE) < 0 || whole.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
      throw invalid(ErrorCode.INVALID_QUANTITY,
          path + " must be between 1 and " + MAX_QUANTITY + ", got " + abbreviate(describeNumber(node)));
    }
    return whole.longValueExact();
  }

  /**
   * A number from 0 to {@link #MAX_UNIT_PRICE} with at most {@link #MAX_PRICE_SCALE} decimal places,
   * returned at the smallest scale that holds it ({@code 1.50000} is 1.5), so that the totals and
   * both warehouses see the same exact value.
   */
  private static BigDecimal unitPrice(JsonNode item, String path) throws InvalidSale {
    JsonNode node = item.get("unit_price");
    if (isAbsent(node)) {
      throw missing(path);
    }
    if (!node.isNumber()) {
      throw invalid(ErrorCode.INVALID_PRICE, path + " must be a number, got " + describe(node));
    }
    BigDecimal price = exact(node)
        .filter(p -> ExactNumbers.integerDigits(p) <= MAX_UNIT_PRICE_DIGITS)
        .filter(p -> p.signum() >= 0 && p.compareTo(MAX_UNIT_PRICE) <= 0)
        .orElseThrow(() -> invalid(ErrorCode.INVALID_PRICE,
            path + " must be between 0 and " + MAX_UNIT_PRICE.toPlainString() + ", got "
                + abbreviate(describeNumber(node))));
    return ExactNumbers.atMostScale(price, MAX_PRICE_SCALE).orElseThrow(() -> invalid(ErrorCode.INVALID_PRICE,
        path + " has more than " + MAX_PRICE_SCALE + " decimal places: " + abbreviate(describeNumber(node))));
  }

  private static String currency(JsonNode root) throws InvalidSale {
    JsonNode node = root.get("currency");
    if (isAbsent(node)) {
      return DEFAULT_CURRENCY;
    }
    if (!node.isTextual() || !CURRENCY.matcher(node.asText()).matches()) {
      throw invalid(ErrorCode.INVALID_CURRENCY,
          "currency must be three upper-case letters (ISO 4217, e.g. USD), got " + describe(node));
    }
    return node.asText();
  }

  private static String requiredText(JsonNode parent, String field) throws InvalidSale {
    return requiredText(parent, field, field);
  }

  private static String requiredText(JsonNode parent, String field, String path) throws InvalidSale {
    JsonNode node = parent.get(field);
    if (isAbsent(node) || (node.isTextual() && node.asText().isBlank())) {
      throw missing(path);
    }
    return checkedText(node, path);
  }

  private static Optional<String> optionalText(JsonNode parent, String field) throws InvalidSale {
    JsonNode node = parent.get(field);
    return isAbsent(node) ? Optional.empty() : Optional.of(checkedText(node, field));
  }

  private static String checkedText(JsonNode node, String path) throws InvalidSale {
    if (!node.isTextual()) {
      throw invalid(ErrorCode.INVALID_FIELD, path + " must be a string, got " + describe(node));
    }
    String text = node.asText();
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

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static InvalidSale missing(String path) {
    return invalid(ErrorCode.MISSING_FIELD, path + " is required but is absent, null or blank");
  }

  private static InvalidSale invalid(ErrorCode code, String message) {
    return new InvalidSale(Rejection.validate(code, message));
  }

  private static String describe(JsonNode node) {
    return node.isValueNode() ? "a " + typeName(node) + " " + abbreviate(node.toString()) : "a " + typeName(node);
  }

  /** A number as written where the tree kept it exactly; a double's overflow has no exact text. */
  private static String describeNumber(JsonNode node) {
    return exact(node).map(BigDecimal::toString).orElse("a number beyond the range of a double");
  }

  private static String typeName(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return type == JsonNodeType.POJO ? "value" : type.name().toLowerCase(Locale.ROOT);
  }

  private static String quote(String s) {
    return "\"" + abbreviate(s) + "\"";
  }

  /** Keeps messages one readable line even when the offending value is a megabyte long. */
  private static String abbreviate(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() <= 64 && line.length() == s.length() ? s : line.substring(0, Math.min(60, line.length()))
        + "...(" + s.length() + " chars)";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return abbreviate(newline < 0 ? message : message.substring(0, newline));
  }

  /** As ExactNumbers.exact did on tree nodes: empty for a number the tree holds as an infinite double. */
  private static Optional<BigDecimal> exact(JsonNode number) {
    if (!number.isBigDecimal() && number.isFloatingPointNumber() && !Double.isFinite(number.doubleValue())) {
      return Optional.empty();
    }
    return Optional.of(number.decimalValue());
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
