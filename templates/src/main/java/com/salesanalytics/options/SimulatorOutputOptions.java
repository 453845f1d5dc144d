package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the simulator sends its events. */
public interface SimulatorOutputOptions extends PipelineOptions {
  @Description("Pub/Sub topic to publish to, as projects/PROJECT/topics/NAME. Give this or --outputFile.")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description("JSON-lines file to write instead (one event per line; needs --maxEvents).")
  String getOutputFile();

  void setOutputFile(String value);
}
