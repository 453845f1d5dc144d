package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Writing to the embedded DuckDB warehouse. */
public interface DuckDbOptions extends PipelineOptions {
  @Description("DuckDB database file to write (created with its tables if absent), e.g. sales.duckdb."
      + " The embedded alternative to --outputDataset.")
  String getDuckdbPath();

  void setDuckdbPath(String value);
}
