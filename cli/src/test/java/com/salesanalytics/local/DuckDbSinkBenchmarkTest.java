package com.salesanalytics.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink benchmark runs end to end on a few rows and leaves nothing behind (its figures are not checked). */
class DuckDbSinkBenchmarkTest {
  @TempDir Path dir;

  @Test
  void measuresTheWriterAgainstABareAppenderAndCleansUp() throws Exception {
    List<BenchFigure> figures = DuckDbSinkBenchmark.measure(500, 1, dir.resolve("sink"));

    assertEquals(1, figures.size());
    BenchFigure figure = figures.get(0);
    assertTrue(figure.value() > 0 && figure.referenceValue() > 0, figure.line());
    assertEquals("rows/s", figure.unit());
    assertNotNull(figure.met());
    try (var left = Files.list(dir.resolve("sink"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void theRowsAreRealisticCleanedSales() {
    var sales = DuckDbSinkBenchmark.realisticSales(200);
    assertEquals(200, sales.size());
    assertTrue(sales.stream().map(s -> s.storeId()).distinct().count() > 5);
    assertTrue(sales.stream().anyMatch(s -> s.customerId() == null) && sales.stream().anyMatch(s -> s.lineCount() > 1));
  }
}
