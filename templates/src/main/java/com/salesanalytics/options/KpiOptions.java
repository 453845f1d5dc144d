package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** How the store-KPI windows fire: how late a sale may come, how often early results come out. */
public interface KpiOptions extends KpiWindowOptions {
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
