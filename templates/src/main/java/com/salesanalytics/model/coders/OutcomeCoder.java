package com.salesanalytics.model.coders;

import com.salesanalytics.model.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/** One byte per {@link Outcome}: there are two of them per message read. */
public final class OutcomeCoder extends AtomicCoder<Outcome> {
  private static final OutcomeCoder INSTANCE = new OutcomeCoder();
  private static final Outcome[] VALUES = Outcome.values();

  public static OutcomeCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Outcome outcome, OutputStream out) throws IOException {
    out.write(outcome.ordinal());
  }

  @Override
  public Outcome decode(InputStream in) throws IOException {
    int ordinal = in.read();
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new CoderException("not an outcome: " + ordinal);
    }
    return VALUES[ordinal];
  }

  @Override
  public void verifyDeterministic() {}
}
