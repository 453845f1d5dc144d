package com.salesanalytics.options;

import com.google.dataflow.v1beta3.ParameterType;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the simulator sends its events. */
public interface SimulatorOutputOptions extends PipelineOptions {
  @TemplateParameter(label = "Output Pub/Sub topic", type = ParameterType.PUBSUB_TOPIC,
      regexes = OptionChecks.TOPIC_REGEX, example = "projects/retail-analytics-prod/topics/retail-sales-stream",
      counterexample = "retail-sales-stream")
  @Description("Pub/Sub topic to publish to, as projects/PROJECT/topics/NAME. Give this or --outputFile.")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description("JSON-lines file to write instead (one event per line; needs --maxEvents).")
  String getOutputFile();

  void setOutputFile(String value);
}
