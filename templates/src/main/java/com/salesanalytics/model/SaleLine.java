package com.salesanalytics.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;

/** A row of {@code sales_line_items}: one line of a cleaned sale, with the sale's keys. */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.SaleLineCoder.class)
public record SaleLine(
    String transactionId,
    long lineNumber,
    String storeId,
    Instant eventTimestamp,
    String currency,
    String productId,
    long quantity,
    BigDecimal unitPrice,
    String messageId,
    Instant publishTime) implements java.io.Serializable {

  /** Exact quantity x unit price. */
  public BigDecimal lineAmount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }

  /** The sale's lines, numbered from 1 in the order sent. */
  public static List<SaleLine> of(CleanedSale sale) {
    List<SaleLine> lines = new ArrayList<>(sale.items().size());
    int number = 0;
    for (LineItem item : sale.items()) {
      lines.add(new SaleLine(sale.transactionId(), ++number, sale.storeId(), sale.eventTimestamp(), sale.currency(),
          item.productId(), item.quantity(), item.unitPrice(), sale.messageId(), sale.publishTime()));
    }
    return lines;
  }
}
