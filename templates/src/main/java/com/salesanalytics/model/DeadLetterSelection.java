package com.salesanalytics.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Which dead letters a replay re-runs: those with one of {@code errorCodes} that failed within
 * {@code failedRange} (their {@code failed_at}, the dead-letter table's partitioning column, so a
 * range bounds what is read).
 */
public record DeadLetterSelection(List<ErrorCode> errorCodes, TimeRange failedRange) implements Serializable {
  public DeadLetterSelection {
    Objects.requireNonNull(failedRange, "failedRange");
    if (errorCodes == null || errorCodes.isEmpty()) {
      throw new IllegalArgumentException("a replay selects at least one error code");
    }
    errorCodes = List.copyOf(errorCodes);
  }
}
