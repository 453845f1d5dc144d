package com.salesanalytics.model.coders;

import com.salesanalytics.model.RawMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Encodes a {@link RawMessage} field by field; attributes are sorted, so encoding is stable. */
public final class RawMessageCoder extends AtomicCoder<RawMessage> {
  private static final RawMessageCoder INSTANCE = new RawMessageCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final MapCoder<String, String> ATTRIBUTES =
      MapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  public static RawMessageCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawMessage value, OutputStream out) throws IOException {
    BYTES.encode(value.payload(), out);
    STRING.encode(value.messageId(), out);
    INSTANT.encode(value.publishTime(), out);
    ATTRIBUTES.encode(value.attributes(), out);
  }

  @Override
  public RawMessage decode(InputStream in) throws IOException {
    byte[] payload = BYTES.decode(in);
    String messageId = STRING.decode(in);
    var publishTime = INSTANT.decode(in);
    Map<String, String> attributes = ATTRIBUTES.decode(in);
    return new RawMessage(payload, messageId, publishTime, attributes);
  }
}
