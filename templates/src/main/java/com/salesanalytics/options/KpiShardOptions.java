package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How store-KPI state is spread on the DirectRunner. Not a template parameter: on Dataflow KPI
 * state is keyed by store (see {@code KpiKeys}).
 */
public interface KpiShardOptions extends PipelineOptions {
  @Description("DirectRunner only: number of keys the store-KPI state is spread over (the DirectRunner"
      + " pays per key and bundle, so a few keys holding many stores each run fastest). Other runners"
      + " key KPI state by store and ignore this.")
  @Default.Integer(1)
  Integer getKpiShards();

  void setKpiShards(Integer value);
}
