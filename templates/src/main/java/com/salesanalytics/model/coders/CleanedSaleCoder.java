package com.salesanalytics.model.coders;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.VarInt;

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
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

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

  /**
   * Decoded sales can be many at once (a backfill's whole input crosses its dedupe encoded), so
   * they are decoded lean: the names that repeat from sale to sale (store, payment method,
   * currency, product) are one string each, and amounts that fit a long are held as one (Beam's
   * decimal decoder always builds a BigInteger: 104 bytes an amount instead of 40). Values are
   * equal to what was encoded either way.
   */
  @Override
  public CleanedSale decode(InputStream in) throws IOException {
    Names names = NAMES.get();
    return new CleanedSale(
        STRING.decode(in),
        names.shared(STRING.decode(in)),
        NULLABLE_STRING.decode(in),
        INSTANT.decode(in),
        names.shared(NULLABLE_STRING.decode(in)),
        names.shared(STRING.decode(in)),
        LONG.decode(in),
        LONG.decode(in),
        decimal(in),
        decimal(in),
        STRING.decode(in),
        INSTANT.decode(in),
        items(in, names));
  }

  private static List<LineItem> items(InputStream in, Names names) throws IOException {
    long count = LONG.decode(in);
    List<LineItem> items = new ArrayList<>((int) Math.min(count, 1024));
    for (long i = 0; i < count; i++) {
      items.add(new LineItem(names.shared(STRING.decode(in)), LONG.decode(in), decimal(in)));
    }
    return items;
  }

  /** What {@link BigDecimalCoder} encoded (scale, then the unscaled value's two's-complement bytes). */
  static BigDecimal decimal(InputStream in) throws IOException {
    int scale = VarInt.decodeInt(in);
    byte[] unscaled = BYTES.decode(in);
    if (unscaled.length == 0 || unscaled.length > Long.BYTES) {
      return new BigDecimal(new BigInteger(unscaled), scale);
    }
    long value = unscaled[0]; // sign-extended
    for (int i = 1; i < unscaled.length; i++) {
      value = (value << 8) | (unscaled[i] & 0xFF);
    }
    return BigDecimal.valueOf(value, scale);
  }

  private static final ThreadLocal<Names> NAMES = ThreadLocal.withInitial(Names::new);

  /** One instance per distinct name a thread decodes, up to a bound (then it starts over). */
  private static final class Names {
    private static final int MAX = 10_000;
    private final Map<String, String> seen = new HashMap<>();

    String shared(String name) {
      if (name == null) {
        return null;
      }
      String known = seen.putIfAbsent(name, name);
      if (known != null) {
        return known;
      }
      if (seen.size() > MAX) {
        seen.clear();
      }
      return name;
    }
  }
}
