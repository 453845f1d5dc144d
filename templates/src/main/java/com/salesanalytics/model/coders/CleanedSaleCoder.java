package com.salesanalytics.model.coders;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Encodes a {@link CleanedSale} with its lines; decimals keep their exact unscaled value and scale.
 * (Adding the lines changed the encoding: a running stream-clean job is drained and relaunched, not
 * updated in place, when it moves to this version; see docs/operations.md.)
 */
public final class CleanedSaleCoder extends AtomicCoder<CleanedSale> {
  private static final CleanedSaleCoder INSTANCE = new CleanedSaleCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> NULLABLE_STRING = NullableCoder.of(STRING);
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BigDecimalCoder DECIMAL = BigDecimalCoder.of();

  public static CleanedSaleCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(CleanedSale sale, OutputStream out) throws IOException {
    STRING.encode(sale.transactionId(), out);
    STRING.encode(sale.storeId(), out);
    NULLABLE_STRING.encode(sale.customerId(), out);
    INSTANT.encode(sale.eventTimestamp(), out);
    NULLABLE_STRING.encode(sale.paymentMethod(), out);
    STRING.encode(sale.currency(), out);
    LONG.encode(sale.lineCount(), out);
    LONG.encode(sale.totalItems(), out);
    DECIMAL.encode(sale.totalAmount(), out);
    DECIMAL.encode(sale.avgPricePerItem(), out);
    STRING.encode(sale.messageId(), out);
    INSTANT.encode(sale.publishTime(), out);
    LONG.encode((long) sale.items().size(), out);
    for (LineItem item : sale.items()) {
      STRING.encode(item.productId(), out);
      LONG.encode(item.quantity(), out);
      DECIMAL.encode(item.unitPrice(), out);
    }
  }

  @Override
  public CleanedSale decode(InputStream in) throws IOException {
    return new CleanedSale(
        STRING.decode(in),
        STRING.decode(in),
        NULLABLE_STRING.decode(in),
        INSTANT.decode(in),
        NULLABLE_STRING.decode(in),
        STRING.decode(in),
        LONG.decode(in),
        LONG.decode(in),
        DECIMAL.decode(in),
        DECIMAL.decode(in),
        STRING.decode(in),
        INSTANT.decode(in),
        items(in));
  }

  private static List<LineItem> items(InputStream in) throws IOException {
    long count = LONG.decode(in);
    List<LineItem> items = new ArrayList<>((int) Math.min(count, 1024));
    for (long i = 0; i < count; i++) {
      items.add(new LineItem(STRING.decode(in), LONG.decode(in), DECIMAL.decode(in)));
    }
    return items;
  }
}
