package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Reading sales from JSON-lines files instead of Pub/Sub. */
public interface FileInputOptions extends PipelineOptions {
  @Description("JSON-lines files to read: one message per line; a local path or gs://, globs allowed"
      + " (e.g. gs://my-bucket/replay/*.jsonl).")
  String getInputFilePattern();

  void setInputFilePattern(String value);
}
