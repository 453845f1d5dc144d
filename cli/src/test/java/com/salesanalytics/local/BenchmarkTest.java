package com.salesanalytics.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.Console;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench} starts and finishes on a tiny input and prints every figure with its reference;
 * the figures themselves are not judged here (benchmarks are not tests).
 */
class BenchmarkTest {
  @TempDir Path dir;

  @Test
  void aTinyBenchRunsEveryPhaseAndPrintsEachFigureWithItsReference() throws Exception {
    Path chart = dir.resolve("demo.png");
    Console.Outcome outcome = Console.capture(() -> {
      Benchmark.execute(new String[] {"--chainRun=smoke", "--warmupSeconds=5", "--measureSeconds=4", "--memoryMinutes=0.1",
          "--freshnessRate=300", "--chart=" + chart,
          "--sinkRows=2000", "--backfillEvents=3000", "--killEvents=2000", "--killPoints=replaced"});
      return 0;
    });

    String summary = outcome.out().substring(outcome.out().indexOf("summary:"));
    assertTrue(summary.matches("(?s).*clean chain.*\\| target ≥ 0.7x: (MET|MISSED).*"), summary);
    assertPositive(summary, "runner ceiling: simulator -> discard\\s+([\\d,.]+) events/s");
    assertPositive(summary, "demo: raw rows written\\s+([\\d,.]+) events/s");
    assertTrue(summary.matches("(?s).*demo sustained \\(slower branch\\)\\s+[\\d,.]+ events/s \\| runner ceiling [\\d,.]+: "
        + "[\\d.]+x \\| target ≥ 0.7x and ≥ 50,000: (MET|MISSED).*"), summary);
    assertPositive(summary, "freshness run: events in \\(asked 300/s\\)\\s+([\\d,.]+) events/s");
    assertPositive(summary, "freshness p99 \\(creation -> visible\\), max/5 s\\s+([\\d,.]+) s");
    assertPositive(summary, "freshness run: peak RSS\\s+([\\d,.]+) MB");
    assertTrue(summary.matches("(?s).*DuckDB sink.*rows/s \\| bare appender .* target ≥ 0.8x: (MET|MISSED).*"), summary);
    assertPositive(summary, "backfill 3,000 from the file: wall clock\\s+([\\d,.]+) s");
    assertPositive(summary, "backfill 3,000 from sales_raw: peak RSS\\s+([\\d,.]+) MB");
    assertPositive(summary, "kill: sales_cleaned rows compared with the uninterrupted run\\s+([\\d,.]+) rows");
    assertTrue(summary.matches("(?s).*kill: rows differing from the uninterrupted run\\s+[\\d,]+ rows \\| target = 0: (MET|MISSED).*"),
        summary);
    BufferedImage png = ImageIO.read(chart.toFile());
    assertEquals(1000, png.getWidth(), "a chart of the freshness run was drawn");
  }

  private static void assertPositive(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no line like " + regex + " in\n" + text);
    assertTrue(Double.parseDouble(m.group(1).replace(",", "")) > 0, m.group());
  }
}
