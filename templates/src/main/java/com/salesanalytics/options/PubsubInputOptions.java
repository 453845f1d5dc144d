package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Reading sales from Pub/Sub. */
public interface PubsubInputOptions extends PipelineOptions {
  @Description("Pub/Sub subscription to read, as projects/PROJECT/subscriptions/NAME."
      + " Give this or --inputFilePattern.")
  String getInputSubscription();

  void setInputSubscription(String value);

  @Description("Optional message attribute holding a unique id per message; Pub/Sub redeliveries"
      + " with the same value are dropped by PubsubIO before they reach the pipeline.")
  String getIdAttribute();

  void setIdAttribute(String value);
}
