package com.salesanalytics.simulator;

import com.salesanalytics.model.ErrorCode;
import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One simulated message and what the simulator knows about it, so its output can be checked
 * against an independent tally.
 *
 * @param brokenRule for {@link Kind#INVALID}: the code a correct pipeline must report
 * @param totalItems for valid kinds: the sale's item count (0 otherwise)
 * @param totalAmount for valid kinds: the sale's exact amount (0 otherwise)
 */
public record SimulatedEvent(
    long index,
    Kind kind,
    @Nullable ErrorCode brokenRule,
    String transactionId,
    String payload,
    String messageId,
    Instant publishTime,
    long totalItems,
    BigDecimal totalAmount) {

  public enum Kind {
    /** A sale sent on time. */
    VALID,
    /** A sale whose timestamp lags its publish time by minutes (a store that was offline). */
    LATE,
    /** A byte-identical re-send of a recent valid sale, under a new message id. */
    DUPLICATE,
    /** A sale with exactly one rule of the contract broken. */
    INVALID
  }
}
