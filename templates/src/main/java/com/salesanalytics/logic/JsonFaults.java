package com.salesanalytics.logic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.util.Locale;

/**
 * Why a UTF-8 payload is not one JSON object, in the words the contract's INVALID_JSON messages
 * have always used: those of Jackson's tree reader, which reads the payload again. Only payloads
 * {@link SaleFields} could not read come here (fewer than one in a hundred of the simulator's), so the
 * second reading costs nothing worth saving, and the messages stay exactly as they were.
 */
final class JsonFaults {
  private static final ObjectMapper TREE =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  static {
    TREE.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(SaleFields.MAX_NESTING_DEPTH).build());
  }

  private JsonFaults() {}

  /**
   * The rejection of a payload that is not one JSON object. Throws if the tree reader finds one
   * after all: SaleFields and the tree reader disagree, a bug (SaleParserDifferentialTest looks
   * for any), which the pipeline then reports as INTERNAL_ERROR rather than as bad input.
   */
  static Rejection of(String text) {
    JsonNode root;
    try {
      root = TREE.readTree(text);
    } catch (IOException | RuntimeException e) {
      return Rejection.parse("payload is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return Rejection.parse("payload is empty");
    }
    if (!root.isObject()) {
      return Rejection.parse("payload is a JSON " + typeName(root) + "; a sale must be a JSON object");
    }
    throw new IllegalStateException("the streaming reader refused a payload that is one JSON object");
  }

  private static String typeName(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return type == JsonNodeType.POJO ? "value" : type.name().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return SaleParser.abbreviate(newline < 0 ? message : message.substring(0, newline));
  }
}
