package com.salesanalytics.model.coders;

import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Encodes a {@link DeadLetter}; enums by name so reordering constants cannot corrupt state. */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> NULLABLE_STRING = NullableCoder.of(STRING);
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final NullableCoder<org.joda.time.Instant> NULLABLE_INSTANT = NullableCoder.of(INSTANT);
  private static final org.apache.beam.sdk.coders.MapCoder<String, String> ATTRIBUTES =
      org.apache.beam.sdk.coders.MapCoder.of(STRING, STRING);

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetter value, OutputStream out) throws IOException {
    BYTES.encode(value.payload(), out);
    STRING.encode(value.errorCode().name(), out);
    STRING.encode(value.errorMessage(), out);
    STRING.encode(value.stage().name(), out);
    NULLABLE_STRING.encode(value.messageId(), out);
    NULLABLE_INSTANT.encode(value.publishTime(), out);
    ATTRIBUTES.encode(value.attributes(), out);
    INSTANT.encode(value.failedAt(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    return new DeadLetter(
        BYTES.decode(in),
        ErrorCode.valueOf(STRING.decode(in)),
        STRING.decode(in),
        Stage.valueOf(STRING.decode(in)),
        NULLABLE_STRING.decode(in),
        NULLABLE_INSTANT.decode(in),
        ATTRIBUTES.decode(in),
        INSTANT.decode(in));
  }
}
