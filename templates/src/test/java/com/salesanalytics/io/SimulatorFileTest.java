package com.salesanalytics.io;

import static org.junit.Assert.assertEquals;

import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.TestPipeline;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SimulatorFileTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  /** Written in blocks side by side, the file is every event's payload in index order, and only the file is left. */
  @Test
  public void theFileHoldsEachEventOnceInIndexOrder() throws Exception {
    SaleGenerator generator = new SaleGenerator(new SimulatorConfig(9, 200, Instant.parse("2026-11-24T00:00:00Z"),
        0.1, 0.1, 0.05, 25, 5000, 400));
    File file = new File(folder.getRoot(), "events.jsonl");

    pipeline.apply(new SimulatorFile(generator, 2_345, file.getPath(), 500));
    pipeline.run().waitUntilFinish();

    List<String> expected = new ArrayList<>();
    for (long i = 0; i < 2_345; i++) {
      expected.add(generator.event(i).payload());
    }
    assertEquals(expected, Files.readAllLines(file.toPath(), StandardCharsets.UTF_8));
    assertEquals(List.of("events.jsonl"), List.of(folder.getRoot().list()));
  }
}
