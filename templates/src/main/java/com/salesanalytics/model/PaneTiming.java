package com.salesanalytics.model;

/**
 * Which result of a window a row is. Streaming gives speculative results while the window is open,
 * one when the watermark passes its end, and corrections for late sales until the allowed lateness
 * has passed; a backfill writes a recomputed, final one.
 */
public enum PaneTiming {
  EARLY,
  ON_TIME,
  LATE,
  BACKFILL
}
