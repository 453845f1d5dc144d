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
    // JMH refuses to start while another JMH run holds its machine-wide lock (a bench elsewhere on
    // the machine); this run's figures mean nothing, so it neither waits for nor takes the lock.
    System.setProperty("jmh.ignoreLock", "true");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<BenchFigure> figures = CleanChainBenchmark.run(CleanChainBenchmark.RunLength.smoke(),
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertEquals(7, figures.size(), figures.toString());
    for (BenchFigure figure : figures) {
      assertTrue(figure.value() > 0 && Double.isFinite(figure.value()), figure.line());
    }
    for (BenchFigure ratio : figures.subList(0, 4)) {
      assertTrue(ratio.referenceValue() > 0 && Double.isFinite(ratio.referenceValue()), ratio.line());
    }
    assertEquals(List.of("streaming loop", "databind loop", "streaming loop", "databind loop"),
        figures.subList(0, 4).stream().map(BenchFigure::reference).toList());
    assertEquals(List.of("≥ 0.7x", "≥ 1.5x", "≥ 0.7x", "≥ 1.5x"),
        figures.subList(0, 4).stream().map(BenchFigure::target).toList());
    String log = progress.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("gc.alloc.rate.norm") && log.contains("cpu.time.norm"), "both profilers ran:\n" + log);
  }

  @Test
  void theTargetsAreJudgedOnTheRatiosToTheReferencesOfTheSameRun() {
    List<BenchFigure> figures = CleanChainFigures.of(new CleanChainFigures.Scores(
        new CleanChainFigures.Score(300_000, 2_500, 2_000), new CleanChainFigures.Score(150_000, 10_000, 9_000),
        new CleanChainFigures.Score(500_000, 2_000, 1_000)));

    assertEquals(0.6, figures.get(0).ratio(), 1e-9);
    assertEquals(Boolean.FALSE, figures.get(0).met());
    assertEquals(2.0, figures.get(1).ratio(), 1e-9);
    assertEquals(Boolean.TRUE, figures.get(1).met());
    assertEquals(400_000, figures.get(2).value(), 1e-6, "events per CPU second: 1 / 2.5 µs");
    assertEquals(0.8, figures.get(2).ratio(), 1e-9);
    assertEquals(Boolean.TRUE, figures.get(2).met());
    assertEquals(4.0, figures.get(3).ratio(), 1e-9);
    assertEquals(2_000, figures.get(4).value());
    assertEquals("B/event", figures.get(4).unit());
  }
}
