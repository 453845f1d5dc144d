package com.salesanalytics.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesanalytics.model.ErrorCode;
import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Breaks exactly one rule of a valid sale, in the ways real producers get it wrong. Only fields
 * checked at or after the broken one are touched, so the expected code is unambiguous.
 */
final class InvalidEvents {
  private InvalidEvents() {}

  static String breakRule(ObjectNode sale, ErrorCode rule, SplittableRandom random) {
    ObjectNode firstItem = (ObjectNode) sale.withArray("items").get(0);
    switch (rule) {
      case INVALID_JSON -> {
        String json = SaleGenerator.write(sale);
        return random.nextBoolean() ? json.substring(0, json.length() / 2) : "sale " + json;
      }
      case MISSING_FIELD -> {
        String[] required = {"transaction_id", "store_id", "timestamp", "items"};
        String field = required[random.nextInt(required.length)];
        int how = random.nextInt(3);
        if (how == 0) {
          sale.remove(field);
        } else if (how == 1) {
          sale.putNull(field);
        } else if (!field.equals("items")) {
          sale.put(field, "  ");
        } else {
          sale.remove(field);
        }
      }
      case INVALID_FIELD -> sale.put("store_id", 7 + random.nextInt(90));
      case INVALID_TIMESTAMP -> {
        String[] wrong = {"24/11/2026 10:15", "2026-11-24T10:15:30", "2026-13-01T00:00:00Z", "yesterday"};
        sale.put("timestamp", wrong[random.nextInt(wrong.length)]);
      }
      case EMPTY_ITEMS -> sale.putArray("items");
      case INVALID_QUANTITY -> {
        int how = random.nextInt(3);
        if (how == 0) {
          firstItem.put("quantity", 0);
        } else if (how == 1) {
          firstItem.put("quantity", -2);
        } else {
          firstItem.put("quantity", new BigDecimal("1.5"));
        }
      }
      case INVALID_PRICE -> {
        if (random.nextBoolean()) {
          firstItem.put("unit_price", new BigDecimal("-3.49"));
        } else {
          firstItem.put("unit_price", "3.49");
        }
      }
      case INVALID_CURRENCY -> sale.put("currency", random.nextBoolean() ? "usd" : "US");
      default -> throw new IllegalArgumentException("the simulator does not break " + rule);
    }
    return SaleGenerator.write(sale);
  }
}
