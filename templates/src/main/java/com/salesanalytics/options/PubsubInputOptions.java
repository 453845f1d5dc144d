package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Reading sales from Pub/Sub. Each template that reads Pub/Sub declares inputSubscription as a
 * template parameter itself, with its own subscription as the example: two jobs on one
 * subscription would split its messages between them.
 */
public interface PubsubInputOptions extends PipelineOptions {
  @Description("Pub/Sub subscription to read, as projects/PROJECT/subscriptions/NAME."
      + " Run locally or for a replay, --inputFilePattern can take its place.")
  String getInputSubscription();

  void setInputSubscription(String value);

  @TemplateParameter(label = "Message id attribute", regexes = "[A-Za-z0-9_.~+%-]{1,256}", example = "event_id",
      counterexample = "has spaces")
  @Description("Optional message attribute holding a unique id per message; Pub/Sub redeliveries"
      + " with the same value are dropped by PubsubIO before they reach the pipeline.")
  String getIdAttribute();

  void setIdAttribute(String value);
}
