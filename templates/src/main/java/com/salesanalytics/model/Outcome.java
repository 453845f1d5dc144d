package com.salesanalytics.model;

/**
 * What became of one message in the clean pipeline, for the health table: each message read is
 * counted once as {@link #EVENT_IN} and once as exactly one of the other four.
 */
public enum Outcome {
  EVENT_IN,
  CLEANED,
  DEAD_LETTERED,
  DUPLICATE,
  DROPPED_LATE
}
