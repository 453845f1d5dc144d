package com.salesanalytics.logic;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.SaleEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.joda.time.Instant;

/** The money math of a cleaned sale, exact to the cent and beyond: BigDecimal only. */
public final class SaleTotals {

  /** Scale of {@code avg_price_per_item}: cents. */
  public static final int AVERAGE_SCALE = 2;

  private SaleTotals() {}

  /** The row for a valid sale, cleaned from the delivery with this message id and publish time. */
  public static CleanedSale of(SaleEvent sale, String messageId, Instant publishTime) {
    long totalItems = 0;
    BigDecimal totalAmount = BigDecimal.ZERO;
    for (LineItem item : sale.items()) {
      totalItems += item.quantity();
      totalAmount = totalAmount.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
    }
    return new CleanedSale(
        sale.transactionId(),
        sale.storeId(),
        sale.customerId(),
        sale.timestamp(),
        sale.paymentMethod(),
        sale.currency(),
        sale.items().size(),
        totalItems,
        totalAmount,
        averagePrice(totalAmount, totalItems),
        messageId,
        publishTime,
        sale.items());
  }

  /** total / items, rounded half-up to cents. Validation guarantees at least one item. */
  static BigDecimal averagePrice(BigDecimal totalAmount, long totalItems) {
    return totalAmount.divide(BigDecimal.valueOf(totalItems), AVERAGE_SCALE, RoundingMode.HALF_UP);
  }
}
