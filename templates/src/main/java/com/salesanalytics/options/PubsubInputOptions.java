package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Reading sales from Pub/Sub. */
public interface PubsubInputOptions extends PipelineOptions {
  @TemplateParameter(label = "Input Pub/Sub subscription", type = ParameterType.PUBSUB_SUBSCRIPTION,
      regexes = OptionChecks.SUBSCRIPTION_REGEX,
      example = "projects/retail-analytics-prod/subscriptions/sales-stream-clean", counterexample = "sales-stream-clean")
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
