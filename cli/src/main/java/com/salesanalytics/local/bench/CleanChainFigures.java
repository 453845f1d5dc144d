package com.salesanalytics.local.bench;

import com.salesanalytics.local.BenchFigure;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The clean-chain run's lines for {@code bench}: issue 11's two ratios, in events per second as
 * JMH measures them and again per second of CPU time (steadier on a shared machine, see
 * {@link CpuTimeProfiler}), and the bytes each chain allocates per event.
 */
public final class CleanChainFigures {
  static final double STREAMING_TARGET = 0.7;
  static final double DATABIND_TARGET = 1.5;

  private CleanChainFigures() {}

  /** One benchmark's result: events per second, CPU nanoseconds and bytes allocated per event. */
  public record Score(double eventsPerSecond, double cpuNanosPerEvent, double bytesPerEvent) {

    double eventsPerCpuSecond() {
      return 1e9 / cpuNanosPerEvent;
    }
  }

  /** The three benchmarks' results from one run. */
  public record Scores(Score project, Score databind, Score streaming) {

    static Scores from(Collection<RunResult> results) {
      return new Scores(find(results, "projectChain"), find(results, "databindLoop"), find(results, "streamingLoop"));
    }

    private static Score find(Collection<RunResult> results, String method) {
      RunResult result = results.stream()
          .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("JMH returned no result for " + method));
      // Per operation, and an operation is one event.
      return new Score(result.getPrimaryResult().getScore(), secondary(result, CpuTimeProfiler.RESULT),
          secondary(result, "gc.alloc.rate.norm"));
    }

    private static double secondary(RunResult result, String name) {
      Result<?> value = result.getSecondaryResults().get(name);
      return value == null ? Double.NaN : value.getScore();
    }
  }

  public static List<BenchFigure> of(Scores scores) {
    Score project = scores.project();
    Score streaming = scores.streaming();
    Score databind = scores.databind();
    return List.of(
        ratio("clean chain, project code, 1 core", "events/s", project.eventsPerSecond(), "streaming loop",
            streaming.eventsPerSecond(), STREAMING_TARGET),
        ratio("clean chain, project code, 1 core", "events/s", project.eventsPerSecond(), "databind loop",
            databind.eventsPerSecond(), DATABIND_TARGET),
        ratio("clean chain, project code, per CPU second", "events/CPU-s", project.eventsPerCpuSecond(),
            "streaming loop", streaming.eventsPerCpuSecond(), STREAMING_TARGET),
        ratio("clean chain, project code, per CPU second", "events/CPU-s", project.eventsPerCpuSecond(),
            "databind loop", databind.eventsPerCpuSecond(), DATABIND_TARGET),
        BenchFigure.alone("allocation, project code", project.bytesPerEvent(), "B/event", null, null),
        BenchFigure.alone("allocation, streaming loop", streaming.bytesPerEvent(), "B/event", null, null),
        BenchFigure.alone("allocation, databind loop", databind.bytesPerEvent(), "B/event", null, null));
  }

  private static BenchFigure ratio(String what, String unit, double value, String reference, double referenceValue,
      double target) {
    return BenchFigure.against(what, value, unit, reference, referenceValue, "≥ " + target + "x",
        value / referenceValue >= target);
  }
}
