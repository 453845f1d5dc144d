package com.salesanalytics.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.Console;
import com.salesanalytics.io.duckdb.TableComparison;
import com.salesanalytics.pipelines.Cli;
import com.salesanalytics.pipelines.SimulatorPipeline;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import com.salesanalytics.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes and restarts (issue 12): every event ends in exactly one place however often the process
 * is killed with SIGKILL, and the DuckDB file opens after every kill. Each run is a JVM of its own,
 * killed as a crash would kill it: no shutdown hook, nothing flushed.
 */
class CrashRestartTest {
  private static final String START = "2026-11-24T00:00:00Z";

  @TempDir Path dir;

  @Test
  void aBackfillKilledThreeTimesAndRunAgainEndsWithTheTablesOfABackfillNeverKilled() throws Exception {
    String events = dir.resolve("events.jsonl").toString();
    assertEquals(0, Console.capture(() -> Cli.run(SimulatorPipeline::execute, new String[] {"--outputFile=" + events,
        "--maxEvents=20000", "--seed=12", "--startTime=" + START, "--invalidRatio=0.08", "--duplicateRatio=0.05"}))
        .status());

    BackfillKills.Outcome outcome = BackfillKills.run(dir, events,
        List.of(BackfillKills.KillPoint.WRITING, BackfillKills.KillPoint.REPLACED, BackfillKills.KillPoint.KPIS), List.of());

    for (BackfillKills.Kill kill : outcome.kills()) {
      assertEquals(137, kill.exitCode(), "killed by SIGKILL before it finished: " + kill);
    }
    for (BackfillKills.Kill kill : outcome.kills()) {
      assertTrue(kill.progress() >= 0.2, "killed after 20% of the run or more: " + kill);
    }
    for (TableComparison.Difference difference : outcome.differences()) {
      assertTrue(difference.expectedRows() > 0, difference.line());
      assertTrue(difference.identical(), difference.line());
    }
    assertEquals(List.of(), outcome.extraTables(), "tables the killed runs left behind");
  }

  @Test
  void aDemoKilledTwiceAndRestartedStoresEveryEventOnceAndSendsNoStoredEventAgain() throws Exception {
    int events = 6000;
    Path db = dir.resolve("demo.duckdb");
    List<String> args = List.of("--seed=31", "--startTime=" + START, "--maxEvents=" + events,
        "--eventsPerSecond=1000", "--duplicateRatio=0.05", "--invalidRatio=0.05");

    DemoRun first = DemoRun.start(db, args, p -> p.cleanedBranchDone() >= 1500);
    assertEquals(137, first.exitCode(), "the first run was killed: " + first.lines());
    DemoRun second = DemoRun.start(db, args, p -> p.cleanedBranchDone() >= 2000);
    assertEquals(137, second.exitCode(), "the second run was killed: " + second.lines());
    Set<Long> doneBeforeLastRun = storedInBothBranches(db, "sim-31-");
    DemoRun last = DemoRun.start(db, args, p -> false);
    assertEquals(0, last.exitCode(), "the last run finished: " + last.lines());

    try (Connection c = readOnly(db)) {
      assertEquals(events, count(c, "SELECT count(*) FROM sales_raw"), "one raw row per event");
      assertEquals(events, count(c, "SELECT count(DISTINCT message_id) FROM sales_raw"));
      assertEquals(events, count(c, "SELECT count(*) FROM range(0, " + events + ") AS t(i)"
          + " WHERE 'sim-31-' || t.i IN (SELECT message_id FROM sales_raw)"), "every index from 0 to " + (events - 1));
    }
    long sentByLastRun = last.eventsIn();
    assertTrue(doneBeforeLastRun.size() > 2500, "the kills came late enough to leave work done: " + doneBeforeLastRun.size());
    assertTrue(sentByLastRun + doneBeforeLastRun.size() <= events,
        "the last run sent " + sentByLastRun + " events, but " + doneBeforeLastRun.size() + " of " + events
            + " were stored in both branches before it started");
    assertEveryEventHasItsCleanOutcome(db, events);
  }

  @Test
  void aDemoRestartedWithAnotherSeedOnTheSameFileIsRefusedNamingTheOption() {
    Path db = dir.resolve("demo.duckdb");
    String[] first = {"--duckdbPath=" + db, "--dashboardPort=0", "--seed=5", "--startTime=" + START,
        "--maxEvents=20", "--eventsPerSecond=1000"};
    assertEquals(0, Console.capture(() -> Cli.run(DemoPipeline::execute, first)).status());

    String[] otherSeed = first.clone();
    otherSeed[2] = "--seed=6";
    Console.Outcome refused = Console.capture(() -> Cli.run(DemoPipeline::execute, otherSeed));

    assertEquals(2, refused.status(), refused.err());
    assertEquals(1, refused.err().strip().lines().count(), refused.err());
    assertTrue(refused.err().contains("--seed") && refused.err().contains("--seed=5"), refused.err());
  }

  /** Every valid sale in sales_cleaned with its lines, every invalid event a dead letter, copies of a sale aside. */
  private static void assertEveryEventHasItsCleanOutcome(Path db, int events) throws SQLException {
    SaleGenerator generator = new SaleGenerator(new SimulatorConfig(31, 1000, Instant.parse(START), 0.05, 0.05, 0.02,
        25, 5000, 400));
    Set<String> cleaned = strings(db, "SELECT message_id FROM sales_cleaned");
    Set<String> withLines = strings(db, "SELECT message_id FROM sales_line_items");
    Set<String> transactions = strings(db, "SELECT transaction_id FROM sales_cleaned");
    Set<String> deadLetters = strings(db, "SELECT message_id FROM sales_dead_letter");
    List<String> missing = new ArrayList<>();
    for (long i = 0; i < events; i++) {
      SimulatedEvent event = generator.event(i);
      boolean stored = switch (event.kind()) {
        case INVALID -> deadLetters.contains(event.messageId());
        case DUPLICATE -> transactions.contains(event.transactionId());
        default -> cleaned.contains(event.messageId()) && withLines.contains(event.messageId());
      };
      if (!stored) {
        missing.add(event.messageId() + " (" + event.kind() + ")");
      }
    }
    assertEquals(List.of(), missing, "events without their clean outcome");
  }

  /** Indexes with a raw row and, of their own, a cleaned row with its lines or a dead letter. */
  private static Set<Long> storedInBothBranches(Path db, String prefix) throws SQLException {
    Set<Long> raw = new HashSet<>();
    strings(db, "SELECT message_id FROM sales_raw").forEach(id -> raw.add(Long.parseLong(id.substring(prefix.length()))));
    Set<Long> both = new HashSet<>();
    for (String id : strings(db, "SELECT message_id FROM sales_cleaned INTERSECT SELECT message_id FROM sales_line_items"
        + " UNION SELECT message_id FROM sales_dead_letter")) {
      long index = Long.parseLong(id.substring(prefix.length()));
      if (raw.contains(index)) {
        both.add(index);
      }
    }
    return both;
  }

  private static Connection readOnly(Path db) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + db, properties);
  }

  private static Set<String> strings(Path db, String sql) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Connection c = readOnly(db); ResultSet r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The demo in a JVM of its own, killed with SIGKILL at the first progress line {@code killWhen} accepts. */
  private record DemoRun(int exitCode, List<String> lines) {
    static DemoRun start(Path db, List<String> args, Predicate<DemoProcess.Progress> killWhen) throws Exception {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "com.salesanalytics.Main", "demo", "--duckdbPath=" + db,
          "--dashboardPort=0", "--progressIntervalSeconds=1"));
      command.addAll(args);
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
          DemoProcess.Progress progress = DemoProcess.Progress.parse(line);
          if (progress != null && killWhen.test(progress)) {
            child.destroyForcibly();
            break;
          }
        }
      }
      if (!child.waitFor(120, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
      }
      return new DemoRun(child.exitValue(), lines);
    }

    /** Events the run sent, from its closing summary. */
    long eventsIn() {
      String summary = lines.stream().filter(l -> l.startsWith("demo DONE: ")).findFirst()
          .orElseThrow(() -> new AssertionError("no summary in " + lines));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("events_in=(\\d+)").matcher(summary);
      assertTrue(m.find(), summary);
      return Long.parseLong(m.group(1));
    }
  }
}
