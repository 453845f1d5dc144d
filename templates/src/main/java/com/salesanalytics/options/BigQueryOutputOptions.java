package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Streaming writes to BigQuery: the dataset and the Storage Write API's guarantee. */
public interface BigQueryOutputOptions extends BigQueryDatasetOptions {
  /** Storage Write API delivery guarantee. */
  enum WriteMode {
    EXACTLY_ONCE,
    AT_LEAST_ONCE
  }

  @TemplateParameter(label = "BigQuery write mode", type = ParameterType.ENUM, example = "EXACTLY_ONCE",
      counterexample = "MAYBE")
  @Description("Storage Write API mode: EXACTLY_ONCE (default) or AT_LEAST_ONCE (cheaper and lower"
      + " latency; a retried write may then duplicate a row).")
  @Default.Enum("EXACTLY_ONCE")
  WriteMode getBigQueryWriteMode();

  void setBigQueryWriteMode(WriteMode value);
}
