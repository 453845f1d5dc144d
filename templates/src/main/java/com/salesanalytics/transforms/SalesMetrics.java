package com.salesanalytics.transforms;

import com.salesanalytics.model.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/** The counters every sales pipeline reports, in one namespace so a run summary can find them. */
public final class SalesMetrics {
  public static final String NAMESPACE = "sales";

  public static final String EVENTS_IN = "events_in";
  public static final String VALID = "valid";
  public static final String INVALID = "invalid";
  public static final String INVALID_PREFIX = "invalid_";
  public static final String DUPLICATES = "duplicates";
  public static final String DROPPED_LATE = "dropped_late";
  public static final String RAW_WRITTEN = "raw_written";
  public static final String CLEANED_WRITTEN = "cleaned_written";
  public static final String DEAD_LETTERS_WRITTEN = "dead_letters_written";
  public static final String LINE_ITEMS_WRITTEN = "line_items_written";
  public static final String KPIS_WRITTEN = "kpis_written";
  public static final String HEALTH_WRITTEN = "health_written";
  public static final String WRITE_FAILURES = "write_failures";
  /** Dead letters whose replayed message passed, or failed again (replay-dead-letters). */
  public static final String REPLAYS_PASSED = "replays_passed";
  public static final String REPLAYS_FAILED = "replays_failed";
  public static final String REPLAYS_RECORDED = "replays_recorded";

  private SalesMetrics() {}

  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  /** One counter per error code, so a dashboard can tell a broken producer from a bad clock. */
  static Map<ErrorCode, Counter> invalidByCode() {
    Map<ErrorCode, Counter> counters = new EnumMap<>(ErrorCode.class);
    for (ErrorCode code : ErrorCode.values()) {
      counters.put(code, counter(INVALID_PREFIX + code.name()));
    }
    return counters;
  }
}
