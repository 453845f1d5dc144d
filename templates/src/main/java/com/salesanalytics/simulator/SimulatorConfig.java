package com.salesanalytics.simulator;

import java.io.Serializable;
import org.joda.time.Instant;

/**
 * What the simulator produces. Two simulators with equal configs produce byte-identical messages.
 *
 * @param seed drives every random choice
 * @param eventsPerSecond average rate over a simulated day (busier at lunch and after work)
 * @param startTime simulated time of event 0; the day's rhythm is read in UTC
 * @param invalidRatio share of events broken on purpose, one rule each
 * @param duplicateRatio share of events that re-send a recent valid event (a redelivery)
 * @param lateRatio share of valid events whose timestamp lags their publish time by minutes
 */
public record SimulatorConfig(
    long seed,
    double eventsPerSecond,
    Instant startTime,
    double invalidRatio,
    double duplicateRatio,
    double lateRatio,
    int stores,
    int customers,
    int products)
    implements Serializable {

  public SimulatorConfig {
    requireRatio("invalidRatio", invalidRatio);
    requireRatio("duplicateRatio", duplicateRatio);
    requireRatio("lateRatio", lateRatio);
    if (invalidRatio + duplicateRatio + lateRatio > 1.0) {
      throw new IllegalArgumentException("--invalidRatio: with --duplicateRatio and --lateRatio must not exceed 1 in all, got "
          + (invalidRatio + duplicateRatio + lateRatio));
    }
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("--eventsPerSecond: must be a positive number, got " + eventsPerSecond);
    }
    requirePositive("stores", stores);
    requirePositive("customers", customers);
    requirePositive("products", products);
  }

  public static SimulatorConfig defaults(long seed, Instant startTime) {
    return new SimulatorConfig(seed, 100, startTime, 0.05, 0.03, 0.02, 25, 5_000, 400);
  }

  private static void requireRatio(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("--" + name + ": must be between 0 and 1, got " + value);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + ": must be at least 1, got " + value);
    }
  }
}
