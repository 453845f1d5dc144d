package com.salesanalytics.model.coders;

import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.DeadLetterReplay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Encodes a {@link DeadLetterReplay}; the result by name, as {@link DeadLetterCoder} does its enums. */
public final class DeadLetterReplayCoder extends AtomicCoder<DeadLetterReplay> {
  private static final DeadLetterReplayCoder INSTANCE = new DeadLetterReplayCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<DeadLetter> ERROR = NullableCoder.of(DeadLetterCoder.of());
  private static final InstantCoder INSTANT = InstantCoder.of();

  public static DeadLetterReplayCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetterReplay value, OutputStream out) throws IOException {
    STRING.encode(value.deadLetterId(), out);
    STRING.encode(value.messageId(), out);
    STRING.encode(value.result().name(), out);
    ERROR.encode(value.error(), out);
    INSTANT.encode(value.replayedAt(), out);
  }

  @Override
  public DeadLetterReplay decode(InputStream in) throws IOException {
    return new DeadLetterReplay(STRING.decode(in), STRING.decode(in),
        DeadLetterReplay.Result.valueOf(STRING.decode(in)), ERROR.decode(in), INSTANT.decode(in));
  }
}
