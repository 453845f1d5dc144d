package com.salesanalytics.transforms;

import java.io.Serializable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The KPI windows: fixed event-time windows of {@code length}; speculative results at most every
 * {@code earlyFiringDelay} of processing time while a window changes; a window accepts late sales
 * until the watermark passes its end plus {@code allowedLateness}, when its result becomes final.
 */
public record KpiWindowing(Duration length, Duration allowedLateness, Duration earlyFiringDelay)
    implements Serializable {

  public KpiWindowing {
    if (!length.isLongerThan(Duration.ZERO) || allowedLateness.isShorterThan(Duration.ZERO)
        || !earlyFiringDelay.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("KPI windows need a positive length and early-firing delay and a"
          + " non-negative allowed lateness, got " + length + ", " + earlyFiringDelay + ", " + allowedLateness);
    }
  }

  /** Start of the window holding {@code eventTime} (windows are aligned to the epoch, as Beam's FixedWindows). */
  public Instant startOf(Instant eventTime) {
    return startOf(eventTime, length);
  }

  /** Start of the window of {@code length} holding {@code eventTime}. */
  public static Instant startOf(Instant eventTime, Duration length) {
    long millis = eventTime.getMillis();
    return new Instant(millis - Math.floorMod(millis, length.getMillis()));
  }

  public Instant endOf(Instant windowStart) {
    return windowStart.plus(length);
  }

  /** The window's last instant: its on-time result is due when the watermark passes it. */
  public Instant maxTimestamp(Instant windowStart) {
    return endOf(windowStart).minus(Duration.millis(1));
  }

  /** When the window closes: its final result is due and later sales are dropped from the KPIs. */
  public Instant closeTime(Instant windowStart) {
    return maxTimestamp(windowStart).plus(allowedLateness);
  }
}
