package com.salesanalytics.local.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.salesanalytics.logic.SaleParser;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.joda.time.Instant;

/**
 * The fast reference: one pass of Jackson's streaming parser over the bytes, the contract
 * (docs/event-contract.md: same rules, same first-failure code as SaleParser) checked as the tokens
 * go by, totals summed on the way, nothing kept that the row does not need. Written to be fast, not
 * general: duplicate keys are caught with a bit per known field (a set only for unknown names),
 * the timestamp is read by hand, product ids are checked in the parser's buffer without becoming
 * strings, and one instance reuses its state from message to message (so one per thread).
 *
 * <p>Whatever breaks the JSON itself wins over any rule of the contract, and the rules are
 * reported in the contract's order whatever the order of the fields, as SaleParser does: so a
 * broken rule is only noted while reading (the earliest one in contract order), and reported once
 * the whole document has been read.
 */
final class StreamingChain {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
      .build(); // non-numeric numbers (NaN) are refused by default

  // Top-level fields, as bits of a mask: each seen at most once.
  private static final int TRANSACTION_ID = 1;
  private static final int STORE_ID = 1 << 1;
  private static final int TIMESTAMP = 1 << 2;
  private static final int ITEMS = 1 << 3;
  private static final int CUSTOMER_ID = 1 << 4;
  private static final int PAYMENT_METHOD = 1 << 5;
  private static final int CURRENCY = 1 << 6;
  // Item fields.
  private static final int PRODUCT_ID = 1;
  private static final int QUANTITY = 1 << 1;
  private static final int UNIT_PRICE = 1 << 2;

  // Where each rule sits in the contract's order: the lowest rank broken is the one reported.
  private static final int RANK_TRANSACTION_ID = 0;
  private static final int RANK_STORE_ID = 1;
  private static final int RANK_TIMESTAMP = 2;
  private static final int RANK_ITEMS = 3;
  private static final int RANK_CUSTOMER_ID = Integer.MAX_VALUE - 3;
  private static final int RANK_PAYMENT_METHOD = Integer.MAX_VALUE - 2;
  private static final int RANK_CURRENCY = Integer.MAX_VALUE - 1;
  private static final int NONE = Integer.MAX_VALUE;

  private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(SaleParser.MAX_QUANTITY);

  // State of the message being read; reset for each.
  private String transactionId;
  private String storeId;
  private long eventMillis;
  private String customerId;
  private String paymentMethod;
  private String currency;
  private int lineCount;
  private long totalItems;
  private BigDecimal totalAmount;
  private int brokenRank;
  private ErrorCode brokenCode;
  private String brokenWhy;
  // The item being read.
  private long quantity;
  private BigDecimal unitPrice;

  ChainOutcome clean(RawMessage message, Instant processedAt) {
    byte[] payload = message.payload();
    if (payload.length > SaleParser.MAX_PAYLOAD_BYTES) {
      return refused(ErrorCode.INVALID_JSON, "payload is " + payload.length + " bytes");
    }
    if (!isUtf8(payload)) {
      return refused(ErrorCode.INVALID_JSON, "payload is not valid UTF-8 text");
    }
    if (startsWithNul(payload)) {
      // Jackson would read it as UTF-16 or UTF-32; as UTF-8 text it is not JSON.
      return refused(ErrorCode.INVALID_JSON, "payload is not valid JSON");
    }
    reset();
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return refused(ErrorCode.INVALID_JSON, "payload is not a JSON object");
      }
      readSale(parser);
      if (parser.nextToken() != null) {
        return refused(ErrorCode.INVALID_JSON, "payload has content after its object");
      }
    } catch (IOException | RuntimeException e) {
      return refused(ErrorCode.INVALID_JSON, "payload is not valid JSON: " + e.getClass().getSimpleName());
    }
    if (brokenRank != NONE) {
      return refused(brokenCode, brokenWhy);
    }
    return new ChainOutcome.Row(ReferenceRow.of(transactionId, storeId, customerId, new Instant(eventMillis),
        paymentMethod, currency, lineCount, totalItems, totalAmount, message.messageId(), message.publishTime(),
        processedAt));
  }

  private void reset() {
    transactionId = null;
    storeId = null;
    customerId = null;
    paymentMethod = null;
    currency = SaleParser.DEFAULT_CURRENCY;
    lineCount = 0;
    totalItems = 0;
    totalAmount = BigDecimal.ZERO;
    brokenRank = NONE;
    brokenCode = null;
    brokenWhy = null;
  }

  private void readSale(JsonParser parser) throws IOException {
    int seen = 0;
    Set<String> otherNames = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      int field = switch (name) {
        case "transaction_id" -> TRANSACTION_ID;
        case "store_id" -> STORE_ID;
        case "timestamp" -> TIMESTAMP;
        case "items" -> ITEMS;
        case "customer_id" -> CUSTOMER_ID;
        case "payment_method" -> PAYMENT_METHOD;
        case "currency" -> CURRENCY;
        default -> 0;
      };
      if (field == 0) {
        otherNames = unique(otherNames, name, parser);
        skipValue(parser, value);
        continue;
      }
      if ((seen & field) != 0) {
        throw duplicate(name, parser);
      }
      seen |= field;
      switch (field) {
        case TRANSACTION_ID -> transactionId = requiredText(parser, value, "transaction_id", RANK_TRANSACTION_ID);
        case STORE_ID -> storeId = requiredText(parser, value, "store_id", RANK_STORE_ID);
        case TIMESTAMP -> timestamp(parser, value);
        case ITEMS -> items(parser, value);
        case CUSTOMER_ID -> {
          String id = optionalText(parser, value, "customer_id", RANK_CUSTOMER_ID);
          customerId = id == null || id.isBlank() ? null : id;
        }
        case PAYMENT_METHOD -> paymentMethod = optionalText(parser, value, "payment_method", RANK_PAYMENT_METHOD);
        default -> currency(parser, value);
      }
    }
    if ((seen & TRANSACTION_ID) == 0) {
      missing(RANK_TRANSACTION_ID, "transaction_id");
    }
    if ((seen & STORE_ID) == 0) {
      missing(RANK_STORE_ID, "store_id");
    }
    if ((seen & TIMESTAMP) == 0) {
      missing(RANK_TIMESTAMP, "timestamp");
    }
    if ((seen & ITEMS) == 0) {
      missing(RANK_ITEMS, "items");
    }
  }

  /** A required string: absent, null or blank is missing; checked and kept. */
  private String requiredText(JsonParser parser, JsonToken value, String path, int rank) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      missing(rank, path);
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      skipValue(parser, value);
      broken(rank, ErrorCode.INVALID_FIELD, path + " must be a string");
      return null;
    }
    String text = parser.getText();
    if (text.isBlank()) {
      missing(rank, path);
      return null;
    }
    checkText(text, path, rank);
    return text;
  }

  private String optionalText(JsonParser parser, JsonToken value, String path, int rank) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      skipValue(parser, value);
      broken(rank, ErrorCode.INVALID_FIELD, path + " must be a string");
      return null;
    }
    String text = parser.getText();
    checkText(text, path, rank);
    return text;
  }

  private void checkText(CharSequence text, String path, int rank) {
    if (text.length() > SaleParser.MAX_TEXT_LENGTH) {
      broken(rank, ErrorCode.INVALID_FIELD, path + " is too long");
    } else if (hasUnpairedSurrogate(text)) {
      broken(rank, ErrorCode.INVALID_FIELD, path + " contains an unpaired UTF-16 surrogate");
    }
  }

  private void timestamp(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      missing(RANK_TIMESTAMP, "timestamp");
      return;
    }
    if (value != JsonToken.VALUE_STRING) {
      skipValue(parser, value);
      broken(RANK_TIMESTAMP, ErrorCode.INVALID_TIMESTAMP, "timestamp must be an RFC 3339 string");
      return;
    }
    char[] chars = parser.getTextCharacters();
    int start = parser.getTextOffset();
    int length = parser.getTextLength();
    long millis = TimestampMillis.parse(chars, start, length);
    if (millis != TimestampMillis.INVALID) {
      eventMillis = millis;
    } else if (isBlank(chars, start, length)) {
      missing(RANK_TIMESTAMP, "timestamp");
    } else {
      broken(RANK_TIMESTAMP, ErrorCode.INVALID_TIMESTAMP, "timestamp is not an RFC 3339 date-time with an offset");
    }
  }

  private void items(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      missing(RANK_ITEMS, "items");
      return;
    }
    if (value != JsonToken.START_ARRAY) {
      skipValue(parser, value);
      broken(RANK_ITEMS, ErrorCode.INVALID_FIELD, "items must be an array");
      return;
    }
    int index = 0;
    JsonToken element;
    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
      int rank = RANK_ITEMS + 1 + 4 * index;
      if (element == JsonToken.START_OBJECT) {
        item(parser, index, rank);
      } else {
        skipValue(parser, element);
        broken(rank, ErrorCode.INVALID_FIELD, "items[" + index + "] must be an object");
      }
      index++;
    }
    if (index == 0) {
      broken(RANK_ITEMS, ErrorCode.EMPTY_ITEMS, "items is empty");
    }
    lineCount = index;
  }

  /** One line item; ranks: rank + 1 product_id, + 2 quantity, + 3 unit_price. */
  private void item(JsonParser parser, int index, int rank) throws IOException {
    int seen = 0;
    Set<String> otherNames = null;
    quantity = 0;
    unitPrice = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      int field = switch (name) {
        case "product_id" -> PRODUCT_ID;
        case "quantity" -> QUANTITY;
        case "unit_price" -> UNIT_PRICE;
        default -> 0;
      };
      if (field == 0) {
        otherNames = unique(otherNames, name, parser);
        skipValue(parser, value);
        continue;
      }
      if ((seen & field) != 0) {
        throw duplicate(name, parser);
      }
      seen |= field;
      if (brokenRank <= rank) {
        skipValue(parser, value); // an earlier rule is already broken: nothing here can be reported
      } else if (field == PRODUCT_ID) {
        productId(parser, value, index, rank + 1);
      } else if (field == QUANTITY) {
        quantity(parser, value, index, rank + 2);
      } else {
        unitPrice(parser, value, index, rank + 3);
      }
    }
    if ((seen & PRODUCT_ID) == 0) {
      missing(rank + 1, "items[" + index + "].product_id");
    }
    if ((seen & QUANTITY) == 0) {
      missing(rank + 2, "items[" + index + "].quantity");
    }
    if ((seen & UNIT_PRICE) == 0) {
      missing(rank + 3, "items[" + index + "].unit_price");
    }
    if (brokenRank == NONE) {
      totalItems += quantity;
      totalAmount = totalAmount.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }
  }

  /** Checked where it lies in the parser's buffer: the row does not keep product ids. */
  private void productId(JsonParser parser, JsonToken value, int index, int rank) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      missing(rank, "items[" + index + "].product_id");
    } else if (value != JsonToken.VALUE_STRING) {
      skipValue(parser, value);
      broken(rank, ErrorCode.INVALID_FIELD, "items[" + index + "].product_id must be a string");
    } else {
      char[] chars = parser.getTextCharacters();
      int start = parser.getTextOffset();
      int length = parser.getTextLength();
      if (isBlank(chars, start, length)) {
        missing(rank, "items[" + index + "].product_id");
      } else {
        checkText(java.nio.CharBuffer.wrap(chars, start, length), "items[" + index + "].product_id", rank);
      }
    }
  }

  private void quantity(JsonParser parser, JsonToken value, int index, int rank) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
      int whole = parser.getIntValue();
      if (whole >= 1 && whole <= SaleParser.MAX_QUANTITY) {
        quantity = whole;
        return;
      }
      broken(rank, ErrorCode.INVALID_QUANTITY, "items[" + index + "].quantity must be between 1 and 1000000");
    } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      BigDecimal number = exactValue(parser);
      if (number == null || digitsBeforePoint(number) > 7 || number.signum() != 0 && number.stripTrailingZeros().scale() > 0
          || number.compareTo(BigDecimal.ONE) < 0 || number.compareTo(MAX_QUANTITY) > 0) {
        broken(rank, ErrorCode.INVALID_QUANTITY, "items[" + index + "].quantity must be a whole number from 1 to 1000000");
      } else {
        quantity = number.longValue();
      }
    } else if (value == JsonToken.VALUE_NULL) {
      missing(rank, "items[" + index + "].quantity");
    } else {
      skipValue(parser, value);
      broken(rank, ErrorCode.INVALID_QUANTITY, "items[" + index + "].quantity must be a whole number");
    }
  }

  private void unitPrice(JsonParser parser, JsonToken value, int index, int rank) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      missing(rank, "items[" + index + "].unit_price");
      return;
    }
    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
      skipValue(parser, value);
      broken(rank, ErrorCode.INVALID_PRICE, "items[" + index + "].unit_price must be a number");
      return;
    }
    BigDecimal plain = plainPrice(parser);
    if (plain != null) {
      unitPrice = plain;
      return;
    }
    BigDecimal price = exactValue(parser);
    if (price == null || digitsBeforePoint(price) > 10 || price.signum() < 0 || price.compareTo(SaleParser.MAX_UNIT_PRICE) > 0) {
      broken(rank, ErrorCode.INVALID_PRICE, "items[" + index + "].unit_price must be between 0 and 1000000000");
      return;
    }
    if (price.signum() == 0) {
      unitPrice = BigDecimal.ZERO;
      return;
    }
    BigDecimal stripped = digitsBeforePoint(price) <= -SaleParser.MAX_PRICE_SCALE ? null : price.stripTrailingZeros();
    if (stripped == null || stripped.scale() > SaleParser.MAX_PRICE_SCALE) {
      broken(rank, ErrorCode.INVALID_PRICE, "items[" + index + "].unit_price has more than 9 decimal places");
      return;
    }
    unitPrice = stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
  }

  /**
   * A price as shelves write it ({@code 3.49}, {@code 12.00}, {@code 7}): no sign, no exponent, under
   * a billion, at most 9 decimals. Read from the parser's characters straight into a BigDecimal at
   * its smallest scale, with no string or general parse in between; null for anything else, which
   * the general checks then judge.
   */
  private static BigDecimal plainPrice(JsonParser parser) throws IOException {
    char[] chars = parser.getTextCharacters();
    int at = parser.getTextOffset();
    int end = at + parser.getTextLength();
    long unscaled = 0;
    int integerDigits = 0;
    while (at < end && chars[at] >= '0' && chars[at] <= '9') {
      unscaled = unscaled * 10 + (chars[at++] - '0');
      integerDigits++;
    }
    int scale = 0;
    if (at < end && chars[at] == '.') {
      at++;
      while (at < end && chars[at] >= '0' && chars[at] <= '9' && scale < SaleParser.MAX_PRICE_SCALE) {
        unscaled = unscaled * 10 + (chars[at++] - '0');
        scale++;
      }
    }
    if (at != end || integerDigits == 0 || integerDigits > 9) {
      return null; // a sign, an exponent, too many decimals or digits: the general way
    }
    while (scale > 0 && unscaled % 10 == 0) {
      unscaled /= 10;
      scale--;
    }
    return unscaled == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(unscaled, scale);
  }

  private void currency(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value == JsonToken.VALUE_STRING && parser.getTextLength() == 3) {
      char[] chars = parser.getTextCharacters();
      int at = parser.getTextOffset();
      if (isUpperAscii(chars[at]) && isUpperAscii(chars[at + 1]) && isUpperAscii(chars[at + 2])) {
        boolean usd = chars[at] == 'U' && chars[at + 1] == 'S' && chars[at + 2] == 'D';
        currency = usd ? SaleParser.DEFAULT_CURRENCY : parser.getText();
        return;
      }
    }
    skipValue(parser, value);
    broken(RANK_CURRENCY, ErrorCode.INVALID_CURRENCY, "currency must be three upper-case letters");
  }

  private static boolean isUpperAscii(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private void missing(int rank, String path) {
    broken(rank, ErrorCode.MISSING_FIELD, path + " is required but is absent, null or blank");
  }

  private void broken(int rank, ErrorCode code, String why) {
    if (rank < brokenRank) {
      brokenRank = rank;
      brokenCode = code;
      brokenWhy = why;
    }
  }

  private static ChainOutcome refused(ErrorCode code, String why) {
    return new ChainOutcome.Refused(code, why);
  }

  /**
   * Reads past a value nobody uses, as strictly as the rest: its objects must not repeat a key,
   * and each number is read as the tree reader reads it ({@link #exactValue}), so a number the
   * contract refuses as JSON is refused wherever it is.
   */
  private static void skipValue(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_FLOAT) {
      exactValue(parser);
    }
    if (!value.isStructStart()) {
      return;
    }
    List<Set<String>> namesByDepth = new ArrayList<>();
    namesByDepth.add(value == JsonToken.START_OBJECT ? new HashSet<>() : null);
    while (!namesByDepth.isEmpty()) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT) {
        namesByDepth.add(new HashSet<>());
      } else if (token == JsonToken.START_ARRAY) {
        namesByDepth.add(null);
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        namesByDepth.remove(namesByDepth.size() - 1);
      } else if (token == JsonToken.FIELD_NAME) {
        if (!namesByDepth.get(namesByDepth.size() - 1).add(parser.currentName())) {
          throw duplicate(parser.currentName(), parser);
        }
      } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        exactValue(parser);
      }
    }
  }

  /**
   * The current number exactly, or null if it is beyond a double's range: as Jackson's tree reads
   * numbers, so {@code 1e999} is out of range (not an error) and {@code 1e-2147483648}, which no
   * BigDecimal holds, is not JSON this contract accepts.
   */
  private static BigDecimal exactValue(JsonParser parser) throws IOException {
    if (parser.getNumberType() != JsonParser.NumberType.BIG_DECIMAL && parser.isNaN()) {
      return null;
    }
    return parser.getDecimalValue();
  }

  private static Set<String> unique(Set<String> names, String name, JsonParser parser) throws IOException {
    Set<String> seen = names == null ? new HashSet<>(4) : names;
    if (!seen.add(name)) {
      throw duplicate(name, parser);
    }
    return seen;
  }

  private static IOException duplicate(String name, JsonParser parser) {
    return new com.fasterxml.jackson.core.JsonParseException(parser, "Duplicate field '" + name + "'");
  }

  private static long digitsBeforePoint(BigDecimal value) {
    return value.signum() == 0 ? 0 : (long) value.precision() - value.scale();
  }

  private static boolean isBlank(char[] chars, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (!Character.isWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasUnpairedSurrogate(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** ASCII (the usual case) is UTF-8; anything else goes through the JDK's strict decoder. */
  private static boolean isUtf8(byte[] payload) {
    for (byte b : payload) {
      if (b < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean startsWithNul(byte[] payload) {
    for (int i = 0; i < Math.min(4, payload.length); i++) {
      if (payload[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
