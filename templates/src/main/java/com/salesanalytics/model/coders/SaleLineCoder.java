package com.salesanalytics.model.coders;

import com.salesanalytics.model.SaleLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a {@link SaleLine} field by field (Java serialization costs several times the bytes and time). */
public final class SaleLineCoder extends AtomicCoder<SaleLine> {
  private static final SaleLineCoder INSTANCE = new SaleLineCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BigDecimalCoder DECIMAL = BigDecimalCoder.of();

  public static SaleLineCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SaleLine line, OutputStream out) throws IOException {
    STRING.encode(line.transactionId(), out);
    LONG.encode(line.lineNumber(), out);
    STRING.encode(line.storeId(), out);
    INSTANT.encode(line.eventTimestamp(), out);
    STRING.encode(line.currency(), out);
    STRING.encode(line.productId(), out);
    LONG.encode(line.quantity(), out);
    DECIMAL.encode(line.unitPrice(), out);
    STRING.encode(line.messageId(), out);
    INSTANT.encode(line.publishTime(), out);
  }

  @Override
  public SaleLine decode(InputStream in) throws IOException {
    return new SaleLine(STRING.decode(in), LONG.decode(in), STRING.decode(in), INSTANT.decode(in), STRING.decode(in),
        STRING.decode(in), LONG.decode(in), DECIMAL.decode(in), STRING.decode(in), INSTANT.decode(in));
  }
}
