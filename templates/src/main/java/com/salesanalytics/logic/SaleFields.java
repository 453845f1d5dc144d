package com.salesanalytics.logic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of one sale as the payload gives them, before any rule of the contract is checked:
 * read in one pass of Jackson's streaming parser, keeping only the fields the contract names (as
 * {@link JsonValues}), where SaleParser used to build a whole tree first.
 *
 * <p>Only a payload that is one well-formed JSON object is read; for anything else (a syntax error,
 * a repeated key at any depth, nesting deeper than {@value #MAX_NESTING_DEPTH}, another value after
 * the object, or a value that is not an object) reading throws, and {@link JsonFaults} says why in
 * the tree reader's words. Values nobody keeps are still read through as the tree reader read them,
 * so exactly the same payloads count as JSON.
 */
final class SaleFields {
  static final int MAX_NESTING_DEPTH = 32;

  /**
   * The tree reader's parser settings but for duplicate keys, which are caught here instead: one
   * bit per known field is cheaper than Jackson's set of names per object.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      .build();

  private static final int TRANSACTION_ID = 1;
  private static final int STORE_ID = 1 << 1;
  private static final int CUSTOMER_ID = 1 << 2;
  private static final int TIMESTAMP = 1 << 3;
  private static final int PAYMENT_METHOD = 1 << 4;
  private static final int CURRENCY = 1 << 5;
  private static final int ITEMS = 1 << 6;
  private static final int PRODUCT_ID = 1;
  private static final int QUANTITY = 1 << 1;
  private static final int UNIT_PRICE = 1 << 2;

  // Each a JsonValues value; null when the payload does not have the field.
  Object transactionId;
  Object storeId;
  Object customerId;
  Object timestamp;
  Object paymentMethod;
  Object currency;
  /** An array's elements ({@link Item} for each object, a JsonValues value for anything else), or a value. */
  Object items;

  /** One element of {@code items} that is an object. */
  static final class Item {
    Object productId;
    Object quantity;
    Object unitPrice;
  }

  /** The payload is not one well-formed JSON object (as the tree reader would find). */
  static final class NotOneObject extends IOException {
    NotOneObject() {
      super("not one JSON object", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, never logged: JsonFaults re-reads the payload for the reason
    }
  }

  private SaleFields() {}

  /** Reads a payload already known to be UTF-8 text of at most SaleParser.MAX_PAYLOAD_BYTES. */
  static SaleFields read(byte[] payload) throws IOException {
    try (JsonParser parser = open(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new NotOneObject();
      }
      SaleFields sale = new SaleFields();
      sale.readFields(parser);
      if (parser.nextToken() != null) {
        throw new NotOneObject();
      }
      return sale;
    }
  }

  /**
   * A parser over the bytes, unless Jackson would read them as something other than the UTF-8 text
   * they are: from its first four bytes it guesses UTF-16 or UTF-32 (zero bytes) and skips a
   * byte-order mark, where the tree reader read the decoded text, in which a BOM or a NUL is a
   * character that is not JSON. Such payloads are read from their text, as before.
   */
  private static JsonParser open(byte[] payload) throws IOException {
    boolean startsPlainly =
        !(payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF);
    for (int i = 0; i < Math.min(4, payload.length) && startsPlainly; i++) {
      startsPlainly = payload[i] != 0;
    }
    return startsPlainly
        ? JSON.createParser(payload)
        : JSON.createParser(new String(payload, StandardCharsets.UTF_8));
  }

  private void readFields(JsonParser parser) throws IOException {
    int seen = 0;
    Set<String> otherKeys = null;
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      int field = switch (key) {
        case "transaction_id" -> TRANSACTION_ID;
        case "store_id" -> STORE_ID;
        case "customer_id" -> CUSTOMER_ID;
        case "timestamp" -> TIMESTAMP;
        case "payment_method" -> PAYMENT_METHOD;
        case "currency" -> CURRENCY;
        case "items" -> ITEMS;
        default -> 0;
      };
      if (field == 0) {
        otherKeys = withNewKey(otherKeys, key);
        JsonValues.skip(parser, value);
        continue;
      }
      if ((seen & field) != 0) {
        throw new NotOneObject(); // a repeated key
      }
      seen |= field;
      switch (field) {
        case TRANSACTION_ID -> transactionId = JsonValues.read(parser, value);
        case STORE_ID -> storeId = JsonValues.read(parser, value);
        case CUSTOMER_ID -> customerId = JsonValues.read(parser, value);
        case TIMESTAMP -> timestamp = JsonValues.read(parser, value);
        case PAYMENT_METHOD -> paymentMethod = JsonValues.read(parser, value);
        case CURRENCY -> currency = JsonValues.read(parser, value);
        default -> items = value == JsonToken.START_ARRAY ? readItems(parser) : JsonValues.read(parser, value);
      }
    }
  }

  private static List<Object> readItems(JsonParser parser) throws IOException {
    List<Object> elements = new ArrayList<>(4);
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token == null) {
        throw new NotOneObject();
      }
      elements.add(token == JsonToken.START_OBJECT ? readItem(parser) : JsonValues.read(parser, token));
    }
    return elements;
  }

  private static Item readItem(JsonParser parser) throws IOException {
    Item item = new Item();
    int seen = 0;
    Set<String> otherKeys = null;
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      int field = switch (key) {
        case "product_id" -> PRODUCT_ID;
        case "quantity" -> QUANTITY;
        case "unit_price" -> UNIT_PRICE;
        default -> 0;
      };
      if (field == 0) {
        otherKeys = withNewKey(otherKeys, key);
        JsonValues.skip(parser, value);
        continue;
      }
      if ((seen & field) != 0) {
        throw new NotOneObject();
      }
      seen |= field;
      switch (field) {
        case PRODUCT_ID -> item.productId = JsonValues.read(parser, value);
        case QUANTITY -> item.quantity = JsonValues.read(parser, value);
        default -> item.unitPrice = JsonValues.read(parser, value);
      }
    }
    return item;
  }

  /** The keys of an object outside the contract so far, with {@code key}; throws if it repeats one. */
  private static Set<String> withNewKey(Set<String> keys, String key) throws NotOneObject {
    Set<String> seen = keys == null ? new HashSet<>(4) : keys;
    if (!seen.add(key)) {
      throw new NotOneObject();
    }
    return seen;
  }
}
