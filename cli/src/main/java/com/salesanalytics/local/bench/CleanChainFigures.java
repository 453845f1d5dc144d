package com.salesanalytics.local.bench;

import com.salesanalytics.local.BenchFigure;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** The clean-chain run's lines for {@code bench}: issue 11's two ratios and the allocation per event. */
public final class CleanChainFigures {
  static final double STREAMING_TARGET = 0.7;
  static final double DATABIND_TARGET = 1.5;

  private CleanChainFigures() {}

  /** One benchmark's result: events per second and bytes allocated per event. */
  public record Score(double eventsPerSecond, double bytesPerEvent) {}

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
      // JMH's GC profiler: bytes allocated per operation, and an operation is one event.
      Result allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
      return new Score(result.getPrimaryResult().getScore(), allocation == null ? Double.NaN : allocation.getScore());
    }
  }

  public static List<BenchFigure> of(Scores scores) {
    double project = scores.project().eventsPerSecond();
    double streaming = scores.streaming().eventsPerSecond();
    double databind = scores.databind().eventsPerSecond();
    return List.of(
        BenchFigure.against("clean chain, project code, 1 core", project, "events/s", "streaming loop", streaming,
            "≥ " + STREAMING_TARGET + "x", project / streaming >= STREAMING_TARGET),
        BenchFigure.against("clean chain, project code, 1 core", project, "events/s", "databind loop", databind,
            "≥ " + DATABIND_TARGET + "x", project / databind >= DATABIND_TARGET),
        BenchFigure.alone("allocation, project code", scores.project().bytesPerEvent(), "B/event", null, null),
        BenchFigure.alone("allocation, streaming loop", scores.streaming().bytesPerEvent(), "B/event", null, null),
        BenchFigure.alone("allocation, databind loop", scores.databind().bytesPerEvent(), "B/event", null, null));
  }
}
