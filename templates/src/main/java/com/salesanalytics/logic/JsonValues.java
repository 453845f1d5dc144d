package com.salesanalytics.logic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One JSON value of a payload as {@link SaleFields} keeps it, and how the contract's messages name it.
 *
 * <p>A value is a {@code String}, a {@code Boolean}, a number held as Jackson's tree would hold it
 * ({@code Integer}, {@code Long}, {@code BigInteger}, an exact {@code BigDecimal}, or an infinite
 * {@code Double} for a number beyond a double's range), or a {@link Mark} for {@code null}, an object
 * or an array, whose content no rule reads; Java's null is a field that is absent. Numbers are read
 * with the calls Jackson's tree reader makes (see {@link #read}), so the same payloads are accepted
 * and the same values kept as when SaleParser read a tree.
 */
final class JsonValues {

  /** Stand-ins for JSON values whose content no rule looks at. */
  enum Mark {
    NULL, OBJECT, ARRAY
  }

  /** Numbers written without an exponent and shorter than this are far inside a double's range. */
  private static final int SURELY_FINITE_LENGTH = 300;

  private JsonValues() {}

  /** The value whose first token is {@code token}; an object or array is read through, strictly. */
  static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return integer(parser);
      case VALUE_NUMBER_FLOAT:
        return decimal(parser);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return Mark.NULL;
      case START_OBJECT:
        skipContainer(parser, token);
        return Mark.OBJECT;
      case START_ARRAY:
        skipContainer(parser, token);
        return Mark.ARRAY;
      default:
        throw new SaleFields.NotOneObject();
    }
  }

  /** As the tree reader: an int, else a long, else a BigInteger, whichever the digits need. */
  private static Object integer(JsonParser parser) throws IOException {
    JsonParser.NumberType type = parser.getNumberType();
    if (type == JsonParser.NumberType.INT) {
      return Integer.valueOf(parser.getIntValue());
    }
    if (type == JsonParser.NumberType.LONG) {
      return Long.valueOf(parser.getLongValue());
    }
    return parser.getBigIntegerValue();
  }

  /**
   * As the tree reader (with exact BigDecimals): the exact value, or an infinite Double when the
   * number is beyond a double's range. The tree asks Jackson to parse the number as a double first
   * and only then as a BigDecimal, which matters: {@code 1e2147483648} is an infinite double, not an
   * error, while {@code 1e-2147483648} is a finite double that no BigDecimal holds, which Jackson
   * refuses. A plain decimal such as a price ({@code 3.49}: no exponent, a few digits) is neither,
   * so it skips the double.
   */
  private static Object decimal(JsonParser parser) throws IOException {
    if (parser.getTextLength() < SURELY_FINITE_LENGTH && !hasExponent(parser)) {
      return parser.getDecimalValue();
    }
    if (parser.getNumberType() != JsonParser.NumberType.BIG_DECIMAL && parser.isNaN()) {
      return Double.valueOf(parser.getDoubleValue());
    }
    return parser.getDecimalValue();
  }

  private static boolean hasExponent(JsonParser parser) throws IOException {
    char[] chars = parser.getTextCharacters();
    int end = parser.getTextOffset() + parser.getTextLength();
    for (int i = parser.getTextOffset(); i < end; i++) {
      if ((chars[i] | 0x20) == 'e') {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads to the end of the object or array {@code start} opens, as strictly as the tree reader:
   * an object must not repeat a key, and every number is read as {@link #read} reads it.
   */
  static void skipContainer(JsonParser parser, JsonToken start) throws IOException {
    List<Set<String>> keysByDepth = new ArrayList<>();
    keysByDepth.add(start == JsonToken.START_OBJECT ? new HashSet<>() : null);
    while (!keysByDepth.isEmpty()) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new SaleFields.NotOneObject();
      }
      switch (token) {
        case START_OBJECT -> keysByDepth.add(new HashSet<>());
        case START_ARRAY -> keysByDepth.add(null);
        case END_OBJECT, END_ARRAY -> keysByDepth.remove(keysByDepth.size() - 1);
        case FIELD_NAME -> {
          if (!keysByDepth.get(keysByDepth.size() - 1).add(parser.currentName())) {
            throw new SaleFields.NotOneObject(); // a repeated key, which the tree reader refuses
          }
        }
        default -> read(parser, token);
      }
    }
  }

  /** Skips the value whose first token is {@code token}, reading it as strictly as {@link #read}. */
  static void skip(JsonParser parser, JsonToken token) throws IOException {
    read(parser, token);
  }

  static boolean isAbsent(Object value) {
    return value == null || value == Mark.NULL;
  }

  /** The JSON type as the contract's messages name it: "string", "number", "object", ... */
  static String typeName(Object value) {
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof List) {
      return "array"; // items, when it is an array
    }
    return switch ((Mark) value) {
      case NULL -> "null";
      case OBJECT -> "object";
      case ARRAY -> "array";
    };
  }

  /** How messages quote a value: {@code a string "3.49"}, {@code a number 7}; containers by type only. */
  static String describe(Object value) {
    if (value instanceof Mark mark && mark != Mark.NULL || value instanceof List) {
      return "a " + typeName(value);
    }
    return "a " + typeName(value) + " " + SaleParser.abbreviate(asJson(value));
  }

  /** The value written as JSON, by the same Jackson nodes the tree reader's messages quoted. */
  private static String asJson(Object value) {
    if (value instanceof String text) {
      return TextNode.valueOf(text).toString();
    }
    if (value instanceof Boolean bool) {
      return BooleanNode.valueOf(bool).toString();
    }
    if (value instanceof Integer number) {
      return IntNode.valueOf(number).toString();
    }
    if (value instanceof Long number) {
      return LongNode.valueOf(number).toString();
    }
    if (value instanceof BigInteger number) {
      return BigIntegerNode.valueOf(number).toString();
    }
    if (value instanceof BigDecimal number) {
      return DecimalNode.valueOf(number).toString();
    }
    if (value instanceof Double number) {
      return DoubleNode.valueOf(number).toString();
    }
    return "null";
  }
}
