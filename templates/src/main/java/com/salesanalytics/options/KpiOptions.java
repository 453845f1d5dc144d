package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The store-KPI windows: their length, how late a sale may come, how often early results come out. */
public interface KpiOptions extends PipelineOptions {
  @TemplateParameter(label = "KPI window (minutes)", type = ParameterType.NUMBER,
      regexes = OptionChecks.POSITIVE_INTEGER_REGEX, example = "1", counterexample = "0")
  @Description("Length in minutes of the event-time windows of sales_store_kpis and of the publish-time"
      + " windows of sales_pipeline_health.")
  @Default.Integer(1)
  Integer getKpiWindowMinutes();

  void setKpiWindowMinutes(Integer value);

  @TemplateParameter(label = "Allowed lateness (minutes)", type = ParameterType.NUMBER,
      regexes = OptionChecks.NON_NEGATIVE_SMALL_REGEX, example = "10", counterexample = "-1")
  @Description("Minutes after a window's end during which late sales still correct its KPIs; then the result is"
      + " final, and later sales are counted as dropped_late in sales_pipeline_health (a backfill recomputes them).")
  @Default.Integer(10)
  Integer getAllowedLatenessMinutes();

  void setAllowedLatenessMinutes(Integer value);

  @TemplateParameter(label = "Early results every (seconds)", type = ParameterType.NUMBER,
      regexes = OptionChecks.POSITIVE_INTEGER_REGEX, example = "5", counterexample = "0")
  @Description("Seconds of processing time between speculative (EARLY) and late (LATE) results of a window that"
      + " changed; lower is fresher and writes more rows.")
  @Default.Integer(5)
  Integer getEarlyFiringSeconds();

  void setEarlyFiringSeconds(Integer value);
}
