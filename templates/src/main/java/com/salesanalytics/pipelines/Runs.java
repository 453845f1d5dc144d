package com.salesanalytics.pipelines;

import com.salesanalytics.options.LocalProgressOptions;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline. A local (DirectRunner) run is waited for, logs its counts every few seconds and
 * ends with the run summary on stdout; a remote job (Dataflow, as a Flex Template launch) is left
 * running, since the launcher must return once the job is submitted.
 */
public final class Runs {
  private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

  private Runs() {}

  private static final String DIRECT_RUNNER = "org.apache.beam.runners.direct.DirectRunner";

  /**
   * Whether the pipeline runs in this process: Beam's DirectRunner (or a subclass of it). Compared
   * by name, because the template images do not carry the DirectRunner (it is {@code provided}, as
   * in Google's DataflowTemplates) and naming its class would fail to load there.
   */
  public static boolean isLocal(PipelineOptions options) {
    for (Class<?> runner = options.getRunner(); runner != null; runner = runner.getSuperclass()) {
      if (runner.getName().equals(DIRECT_RUNNER)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets a local run going in the background (the caller waits and reports progress) without the
   * DirectRunner's immutability and encodability checks. They keep an encoded copy of every element
   * of a bundle: they catch DoFns that mutate their input (the tests keep them on), and cost a local
   * run half its speed and, with a few 5 MB messages, more heap than the data itself.
   */
  public static void runLocallyWithoutCopyChecks(PipelineOptions options) {
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setBlockOnRun(false);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
  }

  /**
   * One DirectRunner worker thread per core. Beam's default is at least three, and its scheduler
   * spins on one of its own worker threads (re-submitting itself while work is outstanding), so on
   * a 2-core machine three threads left the two doing the work a third of the CPU short: a 1M-event
   * backfill took 67 s with three, 56 s with two. Only Beam's default is replaced; on a machine of
   * three or more cores it already is the core count.
   */
  static void oneWorkerPerCore(PipelineOptions options) {
    DirectOptions direct = options.as(DirectOptions.class);
    int cores = Runtime.getRuntime().availableProcessors();
    if (direct.getTargetParallelism() == Math.max(cores, BEAM_MIN_PARALLELISM) && cores < BEAM_MIN_PARALLELISM) {
      direct.setTargetParallelism(cores);
    }
  }

  /** DirectOptions' default worker count is the core count, but at least this. */
  private static final int BEAM_MIN_PARALLELISM = 3;

  /** The innermost cause, as {@code SimpleName: first line of its message}. */
  static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  static PipelineResult run(String name, Pipeline pipeline, Runnable afterLocalRun) {
    PipelineOptions options = pipeline.getOptions();
    if (!isLocal(options)) {
      PipelineResult result = pipeline.run();
      LOG.info("{} submitted to {}; it runs on without this process.", name, options.getRunner().getSimpleName());
      return result;
    }
    runLocallyWithoutCopyChecks(options);
    oneWorkerPerCore(options);
    Duration progressEvery =
        Duration.standardSeconds(LocalProgressOptions.seconds(options.as(LocalProgressOptions.class), 10));
    PipelineResult.State state;
    PipelineResult result = pipeline.run();
    long start = System.nanoTime();
    try {
      state = result.waitUntilFinish(progressEvery);
      while (state == null || !state.isTerminal()) {
        LOG.info("{} running for {} s: {}", name, (System.nanoTime() - start) / 1_000_000_000L,
            RunSummary.of(result).line());
        state = result.waitUntilFinish(progressEvery);
      }
    } catch (RuntimeException e) {
      // What failed, in one line; the whole trace at FINE (see sales-logging.properties).
      LOG.debug("{} failed", name, e);
      throw new Cli.Failure(name + " failed: " + rootCause(e));
    } finally {
      afterLocalRun.run();
    }
    RunSummary counts = RunSummary.of(result);
    System.out.println(name + " " + state + (counts.counters().isEmpty() ? "" : ": " + counts.line()));
    return result;
  }
}
