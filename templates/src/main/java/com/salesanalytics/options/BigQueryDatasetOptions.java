package com.salesanalytics.options;

import com.salesanalytics.io.bigquery.BigQueryTarget;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The BigQuery dataset holding the sales tables. */
public interface BigQueryDatasetOptions extends PipelineOptions {
  @TemplateParameter(label = "Output BigQuery dataset", regexes = BigQueryTarget.SPEC_REGEX,
      example = "retail-analytics-prod:sales_data", counterexample = "sales_data")
  @Description("BigQuery dataset holding sales_raw, sales_cleaned and sales_dead_letter,"
      + " as PROJECT:DATASET (e.g. my-project:sales_data). Run locally, --duckdbPath can take its place.")
  String getOutputDataset();

  void setOutputDataset(String value);
}
