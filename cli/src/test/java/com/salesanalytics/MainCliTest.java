package com.salesanalytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A bad argument gets exit status 2 and one line on stderr that names it; nothing runs. */
class MainCliTest {
  static Console.Outcome run(String... args) {
    return Console.capture(() -> Main.dispatch(args));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
    "stream-clean| --duckdbPath=x.duckdb| | --inputSubscription: missing: give --inputSubscription or --inputFilePattern",
    "stream-clean| --inputFilePattern=a.jsonl| --inputSubscription=projects/my-project/subscriptions/sales| --inputSubscription: cannot be combined with --inputFilePattern",
    "raw-ingest| --inputSubscription=sales-sub| --duckdbPath=x.duckdb| --inputSubscription: expected projects/PROJECT/subscriptions/NAME, got 'sales-sub'",
    "raw-ingest| --inputFilePattern=a.jsonl| --outputDataset=sales_data| --outputDataset: expected PROJECT:DATASET",
    "raw-ingest| --inputFilePattern=a.jsonl| | --outputDataset: missing: give --outputDataset or --duckdbPath",
    "raw-ingest| --inputFilePattern=a.jsonl| --inputSubscripton=projects/my-project/subscriptions/s| inputSubscripton",
    "stream-clean| --inputFilePattern=a.jsonl| --dedupeWindowMinutes=0 --duckdbPath=x.duckdb| --dedupeWindowMinutes: must be a whole number of at least 1, got 0",
    "stream-clean| --inputFilePattern=a.jsonl| --dedupeWindowMinutes=ten| dedupeWindowMinutes",
    "backfill| --duckdbPath=x.duckdb| --from=yesterday| --from: expected an RFC 3339 timestamp (2026-11-23T00:00:00Z), a date (2026-11-23) or today-Nd, got 'yesterday'",
    "backfill| --duckdbPath=x.duckdb| --from=2026-11-24| --to: missing",
    "backfill| --duckdbPath=x.duckdb| --from=2026-11-24 --to=2026-11-23| --to: must be after --from",
    "backfill| --duckdbPath=x.duckdb| --inputFilePattern=a.jsonl --from=2026-11-24| --from: selects rows of sales_raw and cannot be combined with --inputFilePattern",
    "replay-dead-letters| --duckdbPath=x.duckdb| --failedFrom=2026-11-23 --failedTo=2026-11-24| --errorCodes: missing: give one or more of INVALID_JSON, MISSING_FIELD,",
    "replay-dead-letters| --duckdbPath=x.duckdb| --errorCodes=WRITE_FAILED,TIMEOUT --failedFrom=2026-11-23 --failedTo=2026-11-24| --errorCodes: unknown error code 'TIMEOUT'; expected one or more of INVALID_JSON,",
    "replay-dead-letters| --duckdbPath=x.duckdb| --errorCodes=write_failed --failedFrom=2026-11-23 --failedTo=2026-11-24| --errorCodes: unknown error code 'write_failed'",
    "replay-dead-letters| --duckdbPath=x.duckdb| --errorCodes=WRITE_FAILED --failedFrom=last-week --failedTo=2026-11-24| --failedFrom: expected an RFC 3339 timestamp (2026-11-23T00:00:00Z), a date (2026-11-23) or today-Nd, got 'last-week'",
    "replay-dead-letters| --duckdbPath=x.duckdb| --errorCodes=WRITE_FAILED --failedFrom=2026-11-23| --failedTo: missing",
    "replay-dead-letters| --duckdbPath=x.duckdb| --errorCodes=WRITE_FAILED --failedFrom=2026-11-24 --failedTo=2026-11-24| --failedTo: must be after --failedFrom",
    "replay-dead-letters| --errorCodes=WRITE_FAILED| --failedFrom=2026-11-23 --failedTo=2026-11-24| --outputDataset: missing: give --outputDataset or --duckdbPath",
    "simulator| --outputFile=e.jsonl| --invalidRatio=1.5 --maxEvents=10| --invalidRatio: must be between 0 and 1, got 1.5",
    "simulator| --outputFile=e.jsonl| | --maxEvents: is required with --outputFile",
    "simulator| --outputTopic=retail-sales| | --outputTopic: expected projects/PROJECT/topics/NAME, got 'retail-sales'",
    "simulator| --outputFile=e.jsonl| --maxEvents=10 --startTime=soon| --startTime: expected an RFC 3339 timestamp",
    "demo| --eventsPerSecond=-5| | --eventsPerSecond: must be a positive number, got -5.0",
    "demo| --dashboardPort=65536| | --dashboardPort: must be a port from 0 to 65535 (0: any free port), got 65536",
    "demo| --dashboardHost=| | --dashboardHost: missing: give an address to listen on, e.g. 127.0.0.1",
    "dashboard| --port=-1| | --port: must be a port from 0 to 65535 (0: any free port), got -1",
    "dashboard| --port=http| | --port: expected a whole number, got 'http'",
    "dashboard| --hots=0.0.0.0| | hots",
    "bench| --phases=ceiling,warp| | --phases: unknown phase 'warp'; choose from chain, ceiling, pipeline, freshness, sink, backfill",
    "bench| --freshnessRate=-1| | --freshnessRate: must be 0 (automatic) or a positive number, got -1.0",
  })
  void aBadArgumentIsOneLineNamingIt(String command, String arg1, String more, String expected) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, arg1.trim()));
    if (more != null && !more.isBlank()) {
      args.addAll(java.util.List.of(more.trim().split(" ")));
    }
    Console.Outcome outcome = run(args.toArray(String[]::new));
    assertEquals(2, outcome.status(), outcome.toString());
    String line = outcome.err().strip();
    assertEquals(1, line.lines().count(), "one line: " + line);
    assertTrue(line.startsWith("error: "), line);
    assertTrue(line.contains(expected.trim()), line);
  }

  @Test
  void aLocalRunThatFailsSaysWhyInOneLineWithExitStatusOne() {
    // A file that exists and cannot be read: the kernel refuses reads of /proc/self/mem at offset 0
    // (EIO), so the run starts and then fails.
    Console.Outcome outcome = run("backfill", "--inputFilePattern=/proc/self/mem",
        "--duckdbPath=" + System.getProperty("java.io.tmpdir") + "/cli-failure-" + System.nanoTime() + ".duckdb");
    assertEquals(1, outcome.status(), outcome.toString());
    String errorLines = outcome.err().lines().filter(l -> l.startsWith("error: ")).reduce("", String::concat);
    assertTrue(errorLines.contains("backfill failed: IOException: Input/output error"), outcome.err());
    assertTrue(outcome.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + outcome.err());
  }

  @Test
  void anUnknownCommandListsTheCommands() {
    Console.Outcome outcome = run("stream-cleen");
    assertEquals(2, outcome.status());
    assertEquals("error: unknown command 'stream-cleen'; expected one of demo, dashboard, raw-ingest, stream-clean, backfill,"
        + " replay-dead-letters, simulator, catalog, launch, bench", outcome.err().strip());
  }

  @Test
  void helpListsACommandsOwnOptionsWithDescriptions() {
    Console.Outcome outcome = run("stream-clean", "--help");
    assertEquals(0, outcome.status());
    for (String option : new String[] {"--inputSubscription", "--inputFilePattern", "--idAttribute", "--outputDataset",
        "--duckdbPath", "--bigQueryWriteMode", "--dedupeWindowMinutes", "--dedupeShards"}) {
      assertTrue(outcome.out().contains(option), option + " missing from:\n" + outcome.out());
    }
    assertTrue(outcome.out().contains("Default: 10"), outcome.out());
  }

  @Test
  void noArgumentsPrintsUsage() {
    Console.Outcome outcome = run();
    assertEquals(2, outcome.status());
    assertTrue(outcome.out().contains("Commands:") && outcome.out().contains("backfill"), outcome.out());
  }
}
