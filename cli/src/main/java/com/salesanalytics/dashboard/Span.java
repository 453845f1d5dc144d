package com.salesanalytics.dashboard;

import java.time.Duration;
import java.time.Instant;

/** A half-open time range [from, to). */
public record Span(Instant from, Instant to) {
  /** The {@code minutes} minutes that end at {@code to}. */
  public static Span minutesBefore(Instant to, int minutes) {
    return new Span(to.minus(Duration.ofMinutes(minutes)), to);
  }
}
