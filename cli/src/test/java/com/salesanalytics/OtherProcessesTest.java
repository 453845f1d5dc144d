package com.salesanalytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line when another process is involved: one holding the DuckDB file, or Ctrl-C. */
class OtherProcessesTest {
  @TempDir Path tmp;

  private static List<String> java(Class<?> main, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void aFileAnotherProcessHoldsIsRefusedInOneLineNamingTheFileAndThatProcessAndIsNotChanged() throws Exception {
    Path events = tmp.resolve("sales.jsonl");
    Files.write(events, List.of(TestSales.json("t-1001", "store-01", "2", "3.50")));
    Path db = tmp.resolve("sales.duckdb");
    assertEquals(0, Console.capture(() -> Main.dispatch(new String[] {"raw-ingest", "--inputFilePattern=" + events,
        "--duckdbPath=" + db})).status());
    Files.write(events, List.of(TestSales.json("t-1002", "store-02", "1", "9.99")));
    byte[] before = Files.readAllBytes(db);

    Process holder = new ProcessBuilder(java(DuckDbHolder.class, db.toString())).redirectErrorStream(true).start();
    Console.Outcome outcome;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("holding", out.readLine());
      outcome = Console.capture(() -> Main.dispatch(new String[] {"raw-ingest", "--inputFilePattern=" + events,
          "--duckdbPath=" + db}));
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder lets go");
    }

    assertEquals(2, outcome.status(), outcome.toString());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertTrue(err.startsWith("error: --duckdbPath: " + db + " is in use by another process (PID " + holder.pid() + ","),
        err);
    assertArrayEquals(before, Files.readAllBytes(db), "the file is as it was");
    assertEquals(1, CommandLineProbeTest.count(db, "sales_raw"));
  }

  @Test
  void ctrlCOfARunningDemoPrintsItsSummaryWithoutAStackTraceAndLeavesTheFileReadable() throws Exception {
    Path db = tmp.resolve("demo.duckdb");
    Process demo = new ProcessBuilder(java(Main.class, "demo", "--eventsPerSecond=50", "--progressIntervalSeconds=1",
        "--dashboardPort=0", "--duckdbPath=" + db)).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    boolean interrupted = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (!interrupted && line.contains("events in") && !line.contains("events in 0 ")) {
          interrupted = true;
          new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
        }
      }
    } finally {
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
    String output = String.join("\n", lines);

    assertEquals(130, demo.exitValue(), output); // 128 + SIGINT, as for any program stopped by Ctrl-C
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("demo cancelled: events_in=")), output);
    assertTrue(lines.stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), output);
    assertTrue(CommandLineProbeTest.count(db, "sales_raw") > 0, "rows stored before Ctrl-C are readable");
  }
}
