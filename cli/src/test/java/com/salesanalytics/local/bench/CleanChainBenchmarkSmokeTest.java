package com.salesanalytics.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.local.BenchFigure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark starts, forks its JVM, measures all three chains with the GC profiler and reports
 * bench's lines. A tiny run: it checks that the figures exist, never what they are.
 */
class CleanChainBenchmarkSmokeTest {

  @Test
  void aTinyRunFinishesWithEveryFigure() {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<BenchFigure> figures = CleanChainBenchmark.run(CleanChainBenchmark.RunLength.smoke(),
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertEquals(5, figures.size(), figures.toString());
    for (BenchFigure figure : figures) {
      assertTrue(figure.value() > 0 && Double.isFinite(figure.value()), figure.line());
    }
    assertEquals("streaming loop", figures.get(0).reference());
    assertEquals("≥ 0.7x", figures.get(0).target());
    assertEquals("databind loop", figures.get(1).reference());
    assertEquals("≥ 1.5x", figures.get(1).target());
    assertTrue(figures.get(0).referenceValue() > 0 && figures.get(1).referenceValue() > 0);
    String log = progress.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("gc.alloc.rate.norm"), "the GC profiler ran in the fork:\n" + log);
  }

  @Test
  void theTargetsAreJudgedOnTheRatiosToTheReferencesOfTheSameRun() {
    List<BenchFigure> figures = CleanChainFigures.of(new CleanChainFigures.Scores(
        new CleanChainFigures.Score(300_000, 2_000), new CleanChainFigures.Score(150_000, 9_000),
        new CleanChainFigures.Score(500_000, 1_000)));

    assertEquals(0.6, figures.get(0).ratio(), 1e-9);
    assertEquals(Boolean.FALSE, figures.get(0).met());
    assertEquals(2.0, figures.get(1).ratio(), 1e-9);
    assertEquals(Boolean.TRUE, figures.get(1).met());
    assertEquals(2_000, figures.get(2).value());
    assertEquals("B/event", figures.get(2).unit());
  }
}
