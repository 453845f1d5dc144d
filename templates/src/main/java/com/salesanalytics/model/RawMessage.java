package com.salesanalytics.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One message exactly as a source delivered it: the bytes are never decoded or altered here, so
 * the raw table can keep what arrived even when it is not text.
 *
 * @param payload the message body, byte for byte
 * @param messageId the transport's id (Pub/Sub message id, {@code file:line} for files): the key of
 *     {@code sales_raw}
 * @param publishTime when the transport accepted the message
 * @param attributes transport attributes, sorted by name so equal messages encode equally
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.RawMessageCoder.class)
public record RawMessage(
    byte[] payload, String messageId, Instant publishTime, Map<String, String> attributes) implements java.io.Serializable {

  public RawMessage {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(publishTime, "publishTime");
    // No map of its own when there are none (a file's lines have none): a million lines, a million maps.
    attributes = attributes == null || attributes.isEmpty() ? Map.of() : new TreeMap<>(attributes);
  }


  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RawMessage other
        && Arrays.equals(payload, other.payload)
        && Objects.equals(messageId, other.messageId)
        && publishTime.equals(other.publishTime)
        && attributes.equals(other.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(payload), messageId, publishTime, attributes);
  }

  @Override
  public String toString() {
    return "RawMessage{id=" + messageId + ", publishTime=" + publishTime + ", bytes=" + payload.length + "}";
  }
}
