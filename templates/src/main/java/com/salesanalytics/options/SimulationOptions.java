package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** What the simulator generates. */
public interface SimulationOptions extends PipelineOptions {
  @TemplateParameter(label = "Random seed", type = ParameterType.NUMBER, regexes = "-?[0-9]{1,18}", example = "42",
      counterexample = "forty-two")
  @Description("Seed of every random choice; the same seed and --startTime give the same events.")
  @Default.Long(42)
  Long getSeed();

  void setSeed(Long value);

  @TemplateParameter(label = "Events per second", type = ParameterType.NUMBER, regexes = OptionChecks.DECIMAL_REGEX,
      example = "200", counterexample = "-5")
  @Description("Average events per second (the day's rhythm makes noon busier than 3 a.m.).")
  @Default.Double(200)
  Double getEventsPerSecond();

  void setEventsPerSecond(Double value);

  @TemplateParameter(label = "Maximum events (0 = no limit)", type = ParameterType.NUMBER,
      regexes = OptionChecks.NON_NEGATIVE_INTEGER_REGEX, example = "1000000", counterexample = "-1")
  @Description("Stop after this many events; 0 means run until cancelled.")
  @Default.Long(0)
  Long getMaxEvents();

  void setMaxEvents(Long value);

  @TemplateParameter(label = "Share of invalid events", type = ParameterType.NUMBER,
      regexes = OptionChecks.RATIO_REGEX, example = "0.05", counterexample = "1.5")
  @Description("Share of events (0-1) that break one rule of the event contract.")
  @Default.Double(0.05)
  Double getInvalidRatio();

  void setInvalidRatio(Double value);

  @TemplateParameter(label = "Share of duplicate events", type = ParameterType.NUMBER,
      regexes = OptionChecks.RATIO_REGEX, example = "0.03", counterexample = "2")
  @Description("Share of events (0-1) that re-send a recent sale under a new message id.")
  @Default.Double(0.03)
  Double getDuplicateRatio();

  void setDuplicateRatio(Double value);

  @TemplateParameter(label = "Share of late events", type = ParameterType.NUMBER,
      regexes = OptionChecks.RATIO_REGEX, example = "0.02", counterexample = "-0.1")
  @Description("Share of events (0-1) whose timestamp lags their publish time by 2 to 45 minutes.")
  @Default.Double(0.02)
  Double getLateRatio();

  void setLateRatio(Double value);

  @TemplateParameter(label = "Simulated start time", regexes = OptionChecks.INSTANT_REGEX,
      example = "2026-11-24T00:00:00Z", counterexample = "now")
  @Description("Simulated time of the first event, RFC 3339 or a UTC date; the simulated day starts"
      + " at its UTC midnight. Default: today (UTC).")
  String getStartTime();

  void setStartTime(String value);

  @TemplateParameter(label = "Stores", type = ParameterType.NUMBER, regexes = OptionChecks.POSITIVE_INTEGER_REGEX,
      example = "25", counterexample = "0")
  @Description("Number of stores.")
  @Default.Integer(25)
  Integer getStores();

  void setStores(Integer value);

  @TemplateParameter(label = "Known customers", type = ParameterType.NUMBER,
      regexes = OptionChecks.POSITIVE_INTEGER_REGEX, example = "5000", counterexample = "0")
  @Description("Number of known customers (about 40% of sales are anonymous).")
  @Default.Integer(5000)
  Integer getCustomers();

  void setCustomers(Integer value);

  @TemplateParameter(label = "Products", type = ParameterType.NUMBER, regexes = OptionChecks.POSITIVE_INTEGER_REGEX,
      example = "400", counterexample = "0")
  @Description("Number of products in the catalog.")
  @Default.Integer(400)
  Integer getProducts();

  void setProducts(Integer value);
}
