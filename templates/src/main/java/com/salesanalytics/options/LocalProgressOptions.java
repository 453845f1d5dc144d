package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How often a run on this machine (the DirectRunner) logs its counts; a remote job logs nothing here. */
public interface LocalProgressOptions extends PipelineOptions {
  @Description("Seconds between the progress lines (counts so far) of a run on this machine.")
  @Default.Integer(10)
  Integer getProgressIntervalSeconds();

  void setProgressIntervalSeconds(Integer value);
}
