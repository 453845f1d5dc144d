package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The length of the store-KPI windows: the streaming pipeline and the backfill must agree on it,
 * or the backfill recomputes windows the dashboard does not show.
 */
public interface KpiWindowOptions extends PipelineOptions {
  @TemplateParameter(label = "KPI window (minutes)", type = ParameterType.NUMBER,
      regexes = OptionChecks.POSITIVE_INTEGER_REGEX, example = "1", counterexample = "0")
  @Description("Length in minutes of the event-time windows of sales_store_kpis and of the publish-time"
      + " windows of sales_pipeline_health; a backfill must be given the streaming pipeline's value.")
  @Default.Integer(1)
  Integer getKpiWindowMinutes();

  void setKpiWindowMinutes(Integer value);
}
