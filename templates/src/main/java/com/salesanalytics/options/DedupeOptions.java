package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How long a transaction id is remembered to drop its redeliveries. */
public interface DedupeOptions extends PipelineOptions {
  @TemplateParameter(label = "Dedupe window (minutes)", type = ParameterType.NUMBER,
      regexes = OptionChecks.POSITIVE_INTEGER_REGEX, example = "10", counterexample = "0")
  @Description("Minutes (of publish time) during which a repeated transaction_id is dropped as a"
      + " duplicate. Longer catches later redeliveries and keeps more state.")
  @Default.Integer(10)
  Integer getDedupeWindowMinutes();

  void setDedupeWindowMinutes(Integer value);
}
