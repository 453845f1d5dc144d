package com.salesanalytics;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.RawMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;

/** Realistic test data, built the same way everywhere. */
public final class TestSales {
  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private TestSales() {}

  public static String json(String transactionId, String storeId, String... itemsQuantityAndPrice) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < itemsQuantityAndPrice.length; i += 2) {
      if (i > 0) {
        items.append(',');
      }
      items.append("{\"product_id\":\"p-").append(100 + i).append("\",\"quantity\":")
          .append(itemsQuantityAndPrice[i]).append(",\"unit_price\":").append(itemsQuantityAndPrice[i + 1]).append('}');
    }
    return "{\"transaction_id\":\"" + transactionId + "\",\"store_id\":\"" + storeId
        + "\",\"customer_id\":\"c-1093\",\"timestamp\":\"2026-11-24T10:15:30.123Z\",\"payment_method\":\"card\","
        + "\"currency\":\"USD\",\"items\":[" + items + "]}";
  }

  public static RawMessage message(String messageId, String payload, Instant publishTime) {
    return new RawMessage(payload.getBytes(StandardCharsets.UTF_8), messageId, publishTime, Map.of("origin", "test"));
  }

  /** A one-item sale, cleaned from message {@code m-<transactionId>} published at {@link #T0}. */
  public static CleanedSale cleaned(String transactionId, String amount) {
    return cleaned(transactionId, amount, "m-" + transactionId, T0);
  }

  public static CleanedSale cleaned(String transactionId, String amount, String messageId, Instant publishTime) {
    return new CleanedSale(transactionId, "store-07", "c-1093", Instant.parse("2026-11-24T10:15:30.123Z"), "card",
        "USD", 1, 1, new BigDecimal(amount), new BigDecimal(amount), messageId, publishTime,
        List.of(new LineItem("p-100", 1, new BigDecimal(amount))));
  }

  /** A one-item sale of 4.99 that happened at {@code eventTime}, published a second later. */
  public static CleanedSale cleanedAt(String transactionId, Instant eventTime) {
    return new CleanedSale(transactionId, "store-07", "c-1093", eventTime, "card", "USD", 1, 1,
        new BigDecimal("4.99"), new BigDecimal("4.99"), "m-" + transactionId, eventTime.plus(1000),
        List.of(new LineItem("p-100", 1, new BigDecimal("4.99"))));
  }
}
