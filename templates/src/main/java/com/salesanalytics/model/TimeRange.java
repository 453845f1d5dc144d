package com.salesanalytics.model;

import java.io.Serializable;
import org.joda.time.Instant;

/** A half-open interval [from, to) of instants. */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.TimeRangeCoder.class)
public record TimeRange(Instant from, Instant to) implements Serializable {
  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("range start " + from + " must be before its end " + to);
    }
  }

}
