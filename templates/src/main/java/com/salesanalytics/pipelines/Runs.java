package com.salesanalytics.pipelines;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After {@code pipeline.run()}: a local (DirectRunner) run is waited for and ends with the run
 * summary; a remote job (Dataflow, as a Flex Template launch) is left running, since the launcher
 * must return once the job is submitted.
 */
public final class Runs {
  private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

  private Runs() {}

  static boolean isLocal(PipelineOptions options) {
    return options.getRunner().getSimpleName().equals("DirectRunner");
  }

  static PipelineResult finish(String name, PipelineOptions options, PipelineResult result, Runnable afterLocalRun) {
    if (!isLocal(options)) {
      LOG.info("{} submitted to {}; it runs on without this process.", name, options.getRunner().getSimpleName());
      return result;
    }
    PipelineResult.State state;
    try {
      state = result.waitUntilFinish();
    } finally {
      afterLocalRun.run();
    }
    RunSummary counts = RunSummary.of(result);
    String summary = name + " " + state + (counts.counters().isEmpty() ? "" : ": " + counts.line());
    System.out.println(summary);
    return result;
  }
}
