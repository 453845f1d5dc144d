package com.salesanalytics.pipelines;

import java.util.List;
import org.apache.beam.sdk.Pipeline;

/** Lets tests in other packages list a pipeline's top-level steps. */
public final class StepNamesTestSupport {
  private StepNamesTestSupport() {}

  public static List<String> topLevelSteps(Pipeline pipeline) {
    return StepNamesTest.topLevelSteps(pipeline);
  }
}
