package com.salesanalytics.local.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.salesanalytics.logic.SaleParser;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.joda.time.Instant;

/**
 * The naive reference: the payload read with Jackson databind into a {@code Map}, the contract
 * (docs/event-contract.md: same rules, same order, same first-failure code as SaleParser) checked on
 * that map, and the same row built from it. Written the way most code is: a map per JSON object,
 * java.time's formatter for the timestamp, a regular expression for the currency.
 */
final class DatabindChain {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  /** RFC 3339 with seconds and an offset; 'T' and 'Z' in either case. */
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT)
      .withChronology(IsoChronology.INSTANCE);
  private static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");
  private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private DatabindChain() {}

  static ChainOutcome clean(RawMessage message, Instant processedAt) {
    try {
      return new ChainOutcome.Row(row(read(message.payload()), message, processedAt));
    } catch (Refusal refusal) {
      return new ChainOutcome.Refused(refusal.code, refusal.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(byte[] payload) throws Refusal {
    if (payload.length > SaleParser.MAX_PAYLOAD_BYTES) {
      throw new Refusal(ErrorCode.INVALID_JSON, "payload is " + payload.length + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Refusal(ErrorCode.INVALID_JSON, "payload is not valid UTF-8 text");
    }
    Object value;
    try {
      value = JSON.readValue(text, Object.class);
    } catch (Exception e) {
      throw new Refusal(ErrorCode.INVALID_JSON, "payload is not valid JSON: " + e.getClass().getSimpleName());
    }
    if (!(value instanceof Map)) {
      throw new Refusal(ErrorCode.INVALID_JSON, "payload is not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> row(Map<String, Object> sale, RawMessage message, Instant processedAt)
      throws Refusal {
    String transactionId = requiredText(sale, "transaction_id", "transaction_id");
    String storeId = requiredText(sale, "store_id", "store_id");
    Instant eventTime = timestamp(sale.get("timestamp"));
    Object items = sale.get("items");
    if (items == null) {
      throw missing("items");
    }
    if (!(items instanceof List<?> lines)) {
      throw new Refusal(ErrorCode.INVALID_FIELD, "items must be an array");
    }
    if (lines.isEmpty()) {
      throw new Refusal(ErrorCode.EMPTY_ITEMS, "items is empty");
    }
    long totalItems = 0;
    BigDecimal totalAmount = BigDecimal.ZERO;
    for (int i = 0; i < lines.size(); i++) {
      String path = "items[" + i + "]";
      if (!(lines.get(i) instanceof Map<?, ?> line)) {
        throw new Refusal(ErrorCode.INVALID_FIELD, path + " must be an object");
      }
      requiredText(line, "product_id", path + ".product_id");
      long quantity = quantity(line.get("quantity"), path + ".quantity");
      BigDecimal unitPrice = unitPrice(line.get("unit_price"), path + ".unit_price");
      totalItems += quantity;
      totalAmount = totalAmount.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }
    String customerId = optionalText(sale, "customer_id");
    String paymentMethod = optionalText(sale, "payment_method");
    Object currency = sale.get("currency");
    if (currency != null && !(currency instanceof String code && CURRENCY.matcher(code).matches())) {
      throw new Refusal(ErrorCode.INVALID_CURRENCY, "currency must be three upper-case letters");
    }
    return ReferenceRow.of(transactionId, storeId, customerId == null || customerId.isBlank() ? null : customerId,
        eventTime, paymentMethod, currency == null ? SaleParser.DEFAULT_CURRENCY : (String) currency, lines.size(),
        totalItems, totalAmount, message.messageId(), message.publishTime(), processedAt);
  }

  private static String requiredText(Map<?, ?> object, String field, String path) throws Refusal {
    Object value = object.get(field);
    if (value == null || value instanceof String text && text.isBlank()) {
      throw missing(path);
    }
    return checkedText(value, path);
  }

  private static String optionalText(Map<?, ?> object, String field) throws Refusal {
    Object value = object.get(field);
    return value == null ? null : checkedText(value, field);
  }

  private static String checkedText(Object value, String path) throws Refusal {
    if (!(value instanceof String text)) {
      throw new Refusal(ErrorCode.INVALID_FIELD, path + " must be a string");
    }
    if (text.length() > SaleParser.MAX_TEXT_LENGTH) {
      throw new Refusal(ErrorCode.INVALID_FIELD, path + " is too long");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Refusal(ErrorCode.INVALID_FIELD, path + " contains an unpaired UTF-16 surrogate");
      }
    }
    return text;
  }

  private static Instant timestamp(Object value) throws Refusal {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw missing("timestamp");
    }
    if (!(value instanceof String text)) {
      throw new Refusal(ErrorCode.INVALID_TIMESTAMP, "timestamp must be an RFC 3339 string");
    }
    try {
      java.time.Instant instant = OffsetDateTime.parse(text, TIMESTAMP).toInstant();
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        throw new Refusal(ErrorCode.INVALID_TIMESTAMP, "timestamp is outside BigQuery's range");
      }
      return new Instant(instant.toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new Refusal(ErrorCode.INVALID_TIMESTAMP, "timestamp is not an RFC 3339 date-time with an offset");
    }
  }

  private static long quantity(Object value, String path) throws Refusal {
    if (value == null) {
      throw missing(path);
    }
    BigDecimal quantity = value instanceof Number number ? exact(number) : null;
    if (quantity == null || digitsBeforePoint(quantity) > 7) {
      throw new Refusal(ErrorCode.INVALID_QUANTITY, path + " must be a whole number from 1 to 1000000");
    }
    if (quantity.signum() != 0 && quantity.stripTrailingZeros().scale() > 0) {
      throw new Refusal(ErrorCode.INVALID_QUANTITY, path + " must be a whole number");
    }
    if (quantity.compareTo(BigDecimal.ONE) < 0 || quantity.compareTo(BigDecimal.valueOf(SaleParser.MAX_QUANTITY)) > 0) {
      throw new Refusal(ErrorCode.INVALID_QUANTITY, path + " must be between 1 and 1000000");
    }
    return quantity.longValue();
  }

  private static BigDecimal unitPrice(Object value, String path) throws Refusal {
    if (value == null) {
      throw missing(path);
    }
    if (!(value instanceof Number number)) {
      throw new Refusal(ErrorCode.INVALID_PRICE, path + " must be a number");
    }
    BigDecimal price = exact(number);
    if (price == null || digitsBeforePoint(price) > 10 || price.signum() < 0
        || price.compareTo(SaleParser.MAX_UNIT_PRICE) > 0) {
      throw new Refusal(ErrorCode.INVALID_PRICE, path + " must be between 0 and 1000000000");
    }
    if (price.signum() == 0) {
      return BigDecimal.ZERO;
    }
    // Checked before stripping: a tiny value written with a huge exponent must not be scaled.
    if (digitsBeforePoint(price) <= -SaleParser.MAX_PRICE_SCALE) {
      throw new Refusal(ErrorCode.INVALID_PRICE, path + " has more than 9 decimal places");
    }
    BigDecimal stripped = price.stripTrailingZeros();
    if (stripped.scale() > SaleParser.MAX_PRICE_SCALE) {
      throw new Refusal(ErrorCode.INVALID_PRICE, path + " has more than 9 decimal places");
    }
    return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
  }

  /** The number's exact value; null for a double beyond range (never money). */
  private static BigDecimal exact(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    if (number instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (number instanceof Double || number instanceof Float) {
      return Double.isFinite(number.doubleValue()) ? new BigDecimal(number.toString()) : null;
    }
    return BigDecimal.valueOf(number.longValue());
  }

  /** Digits before the decimal point, from precision and scale alone (no arithmetic on huge exponents). */
  private static long digitsBeforePoint(BigDecimal value) {
    return value.signum() == 0 ? 0 : (long) value.precision() - value.scale();
  }

  private static Refusal missing(String path) {
    return new Refusal(ErrorCode.MISSING_FIELD, path + " is required but is absent, null or blank");
  }

  /** Control flow only: the first broken rule, thrown from wherever it is found. */
  private static final class Refusal extends Exception {
    private final ErrorCode code;

    Refusal(ErrorCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
