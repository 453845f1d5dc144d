package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How dedupe state is spread. */
public interface DedupeShardOptions extends PipelineOptions {
  @Description("Number of keys the dedupe state is spread over. Caps the parallelism of the dedupe"
      + " step; raise it for very high rates on Dataflow. Changing it on --update resets dedupe state.")
  @Default.Integer(16)
  Integer getDedupeShards();

  void setDedupeShards(Integer value);
}
