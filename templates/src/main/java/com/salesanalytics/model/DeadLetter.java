package com.salesanalytics.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A message the pipeline could not turn into a row, with everything needed to find out why and to
 * replay it: the original bytes, the message's id, attributes and publish time, a code, a
 * human-readable reason and the stage that failed.
 *
 * @param payload the original message body; for a {@code sales_cleaned} row the warehouse refused,
 *     the refused row as JSON (its message is found in {@code sales_raw} by {@code messageId})
 * @param publishTime when the transport accepted the original message, when known
 * @param attributes the original message's attributes, sorted by name
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.DeadLetterCoder.class)
public record DeadLetter(
    byte[] payload,
    ErrorCode errorCode,
    String errorMessage,
    Stage stage,
    @Nullable String messageId,
    @Nullable Instant publishTime,
    Map<String, String> attributes,
    Instant failedAt) implements java.io.Serializable {

  public DeadLetter {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(failedAt, "failedAt");
    attributes = attributes == null ? Map.of() : new TreeMap<>(attributes);
  }

  /** A dead letter for a message as it arrived. */
  public static DeadLetter of(RawMessage message, ErrorCode code, String reason, Stage stage, Instant failedAt) {
    return new DeadLetter(message.payload(), code, reason, stage, message.messageId(), message.publishTime(),
        message.attributes(), failedAt);
  }

  /**
   * The same failure of the same message always gets the same id, whenever and however often it is
   * recorded (a retried bundle, a re-run backfill), so a sink can keep it once. A hash of the
   * message id (or, without one, the payload), stage, code and reason.
   */
  public String id() {
    byte[] source = messageId != null ? ("id:" + messageId).getBytes(StandardCharsets.UTF_8) : payload;
    return StableIds.of(source, stage.name(), errorCode.name(), errorMessage);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DeadLetter other
        && Arrays.equals(payload, other.payload)
        && errorCode == other.errorCode
        && errorMessage.equals(other.errorMessage)
        && stage == other.stage
        && Objects.equals(messageId, other.messageId)
        && Objects.equals(publishTime, other.publishTime)
        && attributes.equals(other.attributes)
        && failedAt.equals(other.failedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(payload), errorCode, errorMessage, stage, messageId, publishTime, attributes,
        failedAt);
  }

  @Override
  public String toString() {
    return "DeadLetter{" + errorCode + " at " + stage.columnValue() + ": " + errorMessage
        + ", id=" + messageId + "}";
  }
}
