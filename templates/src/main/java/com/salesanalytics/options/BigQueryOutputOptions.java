package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Writing to BigQuery. */
public interface BigQueryOutputOptions extends PipelineOptions {
  /** Storage Write API delivery guarantee. */
  enum WriteMode {
    EXACTLY_ONCE,
    AT_LEAST_ONCE
  }

  @Description("BigQuery dataset holding sales_raw, sales_cleaned and sales_dead_letter,"
      + " as PROJECT:DATASET (e.g. my-project:sales_data). Give this or --duckdbPath.")
  String getOutputDataset();

  void setOutputDataset(String value);

  @Description("Storage Write API mode: EXACTLY_ONCE (default) or AT_LEAST_ONCE (cheaper and lower"
      + " latency; a retried write may then duplicate a row).")
  @Default.Enum("EXACTLY_ONCE")
  WriteMode getBigQueryWriteMode();

  void setBigQueryWriteMode(WriteMode value);
}
