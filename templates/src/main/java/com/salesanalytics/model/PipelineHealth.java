package com.salesanalytics.model;

import org.joda.time.Instant;

/**
 * A row of {@code sales_pipeline_health}: what became of the messages published in one window.
 * Every message is exactly one of cleaned, dead-lettered, duplicate or dropped late.
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.PipelineHealthCoder.class)
public record PipelineHealth(
    Instant windowStart,
    Instant windowEnd,
    long eventsIn,
    long cleaned,
    long deadLettered,
    long duplicates,
    long droppedLate,
    PaneTiming timing,
    boolean isFinal,
    long paneIndex,
    Instant updatedAt) implements java.io.Serializable {

  /** Whether every message read is accounted for. */
  public boolean balanced() {
    return eventsIn == cleaned + deadLettered + duplicates + droppedLate;
  }
}
