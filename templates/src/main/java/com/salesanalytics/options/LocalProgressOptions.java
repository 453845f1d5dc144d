package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How often a run on this machine (the DirectRunner) prints its counts; a remote job prints none
 * here. No {@code @Default}: Beam refuses one property with two defaults across the interfaces of
 * a JVM, and the demo's default (5 s) differs from the batch commands' (10 s), so each command
 * supplies its own when unset.
 */
public interface LocalProgressOptions extends PipelineOptions {
  @Description("Seconds between progress lines (counts so far) of a run on this machine. Default: 5 in the demo,"
      + " 10 in the other commands.")
  Integer getProgressIntervalSeconds();

  void setProgressIntervalSeconds(Integer value);

  /** The interval the options ask for, or {@code otherwise} if unset. */
  static int seconds(LocalProgressOptions options, int otherwise) {
    Integer asked = options.getProgressIntervalSeconds();
    return asked == null ? otherwise : OptionChecks.positive("progressIntervalSeconds", asked);
  }
}
