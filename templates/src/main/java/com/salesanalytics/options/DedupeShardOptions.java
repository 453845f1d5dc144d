package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How dedupe state is spread on the DirectRunner. Not a template parameter: on Dataflow dedupe
 * state is keyed by transaction id (see {@code DedupeKeys}).
 */
public interface DedupeShardOptions extends PipelineOptions {
  @Description("DirectRunner only: number of keys the dedupe state is spread over (the DirectRunner"
      + " pays per key, so a few keys holding many ids each run fastest). Other runners key dedupe"
      + " state by transaction_id and ignore this.")
  @Default.Integer(2)
  Integer getDedupeShards();

  void setDedupeShards(Integer value);
}
