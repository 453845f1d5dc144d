package com.salesanalytics.model;

import java.util.Arrays;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A message the pipeline could not turn into a row, with everything needed to find out why and to
 * replay it: the original bytes, a code, a human-readable reason and the stage that failed.
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.DeadLetterCoder.class)
public record DeadLetter(
    byte[] payload,
    ErrorCode errorCode,
    String errorMessage,
    Stage stage,
    @Nullable String messageId,
    Instant failedAt) implements java.io.Serializable {

  public DeadLetter {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(failedAt, "failedAt");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DeadLetter other
        && Arrays.equals(payload, other.payload)
        && errorCode == other.errorCode
        && errorMessage.equals(other.errorMessage)
        && stage == other.stage
        && Objects.equals(messageId, other.messageId)
        && failedAt.equals(other.failedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(payload), errorCode, errorMessage, stage, messageId, failedAt);
  }

  @Override
  public String toString() {
    return "DeadLetter{" + errorCode + " at " + stage.columnValue() + ": " + errorMessage
        + ", id=" + messageId + "}";
  }
}
