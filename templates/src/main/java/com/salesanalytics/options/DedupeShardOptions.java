package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How dedupe state is spread. */
public interface DedupeShardOptions extends PipelineOptions {
  @TemplateParameter(label = "Dedupe shards", type = ParameterType.NUMBER,
      regexes = OptionChecks.POSITIVE_INTEGER_REGEX, example = "16", counterexample = "-4")
  @Description("Number of keys the dedupe state is spread over. Caps the parallelism of the dedupe"
      + " step; raise it for very high rates on Dataflow. Changing it on --update resets dedupe state.")
  @Default.Integer(16)
  Integer getDedupeShards();

  void setDedupeShards(Integer value);
}
