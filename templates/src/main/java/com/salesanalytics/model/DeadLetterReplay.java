package com.salesanalytics.model;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * What replaying one dead letter's message gave, a row of {@code sales_dead_letter_replays}: it
 * passed (its sale is in {@code sales_cleaned} now) or it failed again, with the failure. One row per
 * {@link #attemptId()}, kept from the first replay that had that outcome, so replaying again adds nothing.
 *
 * @param error the failure of a {@link Result#FAILED} replay (the first, by dead-letter id, if there
 *     were several); null when it passed
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.DeadLetterReplayCoder.class)
public record DeadLetterReplay(
    String deadLetterId, String messageId, Result result, @Nullable DeadLetter error, Instant replayedAt)
    implements Serializable {

  /** How a replay ended; stored lower-case in {@code sales_dead_letter_replays.outcome}. */
  public enum Result {
    PASSED,
    FAILED;

    public String columnValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DeadLetterReplay {
    Objects.requireNonNull(deadLetterId, "deadLetterId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(replayedAt, "replayedAt");
    if ((result == Result.FAILED) != (error != null)) {
      throw new IllegalArgumentException("a failed replay, and only a failed one, carries its failure");
    }
  }

  /**
   * The same outcome of replaying the same dead letter always gets the same id: a hash of the dead
   * letter id, the result and, for a failure, its code and reason. A replay that fails for another
   * reason than before is a new attempt; one that fails as before is the same.
   */
  public String attemptId() {
    return error == null
        ? StableIds.of(deadLetterId.getBytes(java.nio.charset.StandardCharsets.UTF_8), result.name())
        : StableIds.of(deadLetterId.getBytes(java.nio.charset.StandardCharsets.UTF_8), result.name(),
            error.stage().name(), error.errorCode().name(), error.errorMessage());
  }

  public static DeadLetterReplay passed(String deadLetterId, String messageId, Instant replayedAt) {
    return new DeadLetterReplay(deadLetterId, messageId, Result.PASSED, null, replayedAt);
  }

  public static DeadLetterReplay failed(String deadLetterId, DeadLetter error, Instant replayedAt) {
    return new DeadLetterReplay(deadLetterId, Objects.requireNonNull(error.messageId(), "messageId"),
        Result.FAILED, error, replayedAt);
  }
}
