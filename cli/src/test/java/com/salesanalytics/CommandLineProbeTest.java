package com.salesanalytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line tried as a new user would: every mistake gets exit status 2 and exactly one line
 * on stderr naming the option (the line starts with the row's text; the whole line when the row
 * ends with "$"), before anything runs, and leaves every file as it was; everything else runs and
 * does what it says. {TMP} in a row is a fresh folder holding:
 * <ul>
 *   <li>sales.jsonl, two valid sales;
 *   <li>folder/, a directory with a sales file in it (read as a pattern it is a directory, not files);
 *   <li>notes.duckdb, a text file, and empty.duckdb, an empty file: neither is a DuckDB database;
 *   <li>plain.txt, a regular file, so plain.txt/x cannot be created, even by root (who may write
 *       anywhere chmod forbids, which is why unwritable paths here are under a file or in /proc).
 * </ul>
 */
class CommandLineProbeTest {
  @TempDir Path tmp;

  @BeforeEach
  void files() throws IOException {
    Files.write(tmp.resolve("sales.jsonl"), List.of(
        TestSales.json("t-1001", "store-01", "2", "3.50"), TestSales.json("t-1002", "store-02", "1", "12.00")));
    Files.createDirectory(tmp.resolve("folder"));
    Files.write(tmp.resolve("folder/sales.jsonl"), List.of(TestSales.json("t-2001", "store-03", "1", "1.00")));
    Files.writeString(tmp.resolve("notes.duckdb"), "meeting notes, not a database\n");
    Files.createFile(tmp.resolve("empty.duckdb"));
    Files.writeString(tmp.resolve("plain.txt"), "a regular file\n");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    // an option given without its value
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath| --duckdbPath: needs a value",
    "demo| --maxEvents=5 --dashboardPort=0 --duckdbPath| --duckdbPath: needs a value",
    "raw-ingest| --inputFilePattern --duckdbPath={TMP}/out.duckdb| --inputFilePattern: needs a value",
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/out.duckdb --dedupeWindowMinutes|"
        + " --dedupeWindowMinutes: needs a value",
    // input files that are not there
    "stream-clean| --inputFilePattern={TMP}/nope.jsonl --duckdbPath={TMP}/out.duckdb| --inputFilePattern: no file matches",
    "raw-ingest| --inputFilePattern={TMP}/nope.jsonl --duckdbPath={TMP}/out.duckdb| --inputFilePattern: no file matches",
    "backfill| --inputFilePattern={TMP}/nope.jsonl --duckdbPath={TMP}/out.duckdb| --inputFilePattern: no file matches",
    "stream-clean| --inputFilePattern={TMP}/sales-*.jsonl --duckdbPath={TMP}/out.duckdb| --inputFilePattern: no file matches",
    "raw-ingest| --inputFilePattern={TMP}/missing/*.jsonl --duckdbPath={TMP}/out.duckdb| --inputFilePattern: no file matches",
    "stream-clean| --inputFilePattern={TMP}/folder --duckdbPath={TMP}/out.duckdb| --inputFilePattern: {TMP}/folder is a directory",
    "raw-ingest| --inputFilePattern={TMP}/folder --duckdbPath={TMP}/out.duckdb| --inputFilePattern: {TMP}/folder is a directory",
    "backfill| --inputFilePattern={TMP}/folder --duckdbPath={TMP}/out.duckdb| --inputFilePattern: {TMP}/folder is a directory",
    // DuckDB files that cannot be written
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/missing/out.duckdb| --duckdbPath: no such directory: {TMP}/missing",
    "demo| --maxEvents=5 --dashboardPort=0 --duckdbPath={TMP}/missing/out.duckdb| --duckdbPath: no such directory: {TMP}/missing",
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/folder| --duckdbPath: {TMP}/folder is a directory",
    "demo| --maxEvents=5 --dashboardPort=0 --duckdbPath={TMP}/folder| --duckdbPath: {TMP}/folder is a directory",
    "raw-ingest| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/plain.txt/out.duckdb| --duckdbPath: {TMP}/plain.txt is not a directory",
    "backfill| --inputFilePattern={TMP}/sales.jsonl --duckdbPath=/proc/sales.duckdb| --duckdbPath: cannot create /proc/sales.duckdb",
    // files that are not DuckDB databases
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/notes.duckdb| --duckdbPath: {TMP}/notes.duckdb is not a DuckDB database",
    "raw-ingest| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/empty.duckdb| --duckdbPath: {TMP}/empty.duckdb is not a DuckDB database",
    "backfill| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/notes.duckdb| --duckdbPath: {TMP}/notes.duckdb is not a DuckDB database",
    "backfill| --from=2026-11-01 --to=2026-11-02 --duckdbPath={TMP}/empty.duckdb| --duckdbPath: {TMP}/empty.duckdb is not a DuckDB database",
    "demo| --maxEvents=5 --dashboardPort=0 --duckdbPath={TMP}/notes.duckdb| --duckdbPath: {TMP}/notes.duckdb is not a DuckDB database",
    "replay-dead-letters| --errorCodes=WRITE_FAILED --failedFrom=2026-11-01 --failedTo=2026-11-02 --duckdbPath={TMP}/notes.duckdb|"
        + " --duckdbPath: {TMP}/notes.duckdb is not a DuckDB database",
    "replay-dead-letters| --errorCodes=WRITE_FAILED --failedFrom=2026-11-01 --failedTo=2026-11-02 --duckdbPath={TMP}/folder|"
        + " --duckdbPath: {TMP}/folder is a directory",
    "dashboard| --port=0 --duckdbPath={TMP}/notes.duckdb| --duckdbPath: {TMP}/notes.duckdb is not a DuckDB database",
    "dashboard| --port=0 --duckdbPath={TMP}/empty.duckdb| --duckdbPath: {TMP}/empty.duckdb is not a DuckDB database",
    "dashboard| --port=0 --duckdbPath={TMP}/folder| --duckdbPath: {TMP}/folder is a directory",
    // simulator output that cannot be written
    "simulator| --maxEvents=5 --outputFile={TMP}/folder| --outputFile: {TMP}/folder is a directory",
    "simulator| --maxEvents=5 --outputFile={TMP}/plain.txt/events.jsonl| --outputFile: {TMP}/plain.txt is not a directory",
    "simulator| --maxEvents=5 --outputFile=/proc/events.jsonl| --outputFile: cannot create /proc/events.jsonl",
    // options that do not exist, numbers and times out of range
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/out.duckdb --frobnicate=1| --frobnicate: not an option of stream-clean",
    "demo| --maxEvents=-1| --maxEvents: must be 0 (no limit) or more, got -1",
    "demo| --maxEvents=99999999999999999999| --maxEvents: expected a whole number from -9223372036854775808 to"
        + " 9223372036854775807, got '99999999999999999999'$",
    "demo| --eventsPerSecond=0| --eventsPerSecond: must be a positive number, got 0.0",
    "demo| --eventsPerSecond=NaN| --eventsPerSecond: must be a positive number, got NaN",
    "demo| --eventsPerSecond=Infinity| --eventsPerSecond: must be a positive number, got Infinity",
    "demo| --stores=0| --stores: must be at least 1, got 0",
    "demo| --progressIntervalSeconds=0| --progressIntervalSeconds: must be a whole number of at least 1, got 0",
    "simulator| --outputFile={TMP}/e.jsonl --maxEvents=5 --products=-3| --products: must be at least 1, got -3",
    "simulator| --outputFile={TMP}/e.jsonl --maxEvents=5 --duplicateRatio=2| --duplicateRatio: must be between 0 and 1, got 2.0",
    "simulator| --outputFile={TMP}/e.jsonl --maxEvents=5 --seed=abc| --seed: expected a whole number, got 'abc'$",
    "simulator| --outputFile={TMP}/e.jsonl --maxEvents=5 --invalidRatio=lots| --invalidRatio: expected a number, got 'lots'$",
    "simulator| --outputFile={TMP}/e.jsonl --maxEvents=5 --startTime=2026-02-30T00:00:00Z| --startTime: expected an RFC 3339 timestamp",
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/out.duckdb --dedupeShards=0| --dedupeShards: must be a whole number of at least 1, got 0",
    "stream-clean| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/out.duckdb --allowedLatenessMinutes=99999999999|"
        + " --allowedLatenessMinutes: expected a whole number from -2147483648 to 2147483647, got '99999999999'$",
    "stream-clean| --inputSubscription=projects/my-project/subscriptions/sales --outputDataset=my-project:sales"
        + " --bigQueryWriteMode=SOMETIMES| --bigQueryWriteMode: expected one of EXACTLY_ONCE, AT_LEAST_ONCE, got 'SOMETIMES'$",
    "backfill| --inputFilePattern={TMP}/sales.jsonl --duckdbPath={TMP}/out.duckdb --kpiWindowMinutes=0| --kpiWindowMinutes: must be a whole number of at least 1, got 0",
    "backfill| --duckdbPath={TMP}/out.duckdb --from=2026-13-45 --to=2026-11-24| --from: expected an RFC 3339 timestamp",
    "backfill| --duckdbPath={TMP}/out.duckdb --from=today-99999d --to=today| --from: expected an RFC 3339 timestamp",
    "backfill| --duckdbPath={TMP}/out.duckdb| --from: missing",
    "catalog| sales-nope| unknown template 'sales-nope'",
    "catalog| --frob| --frob: not an option of catalog",
    "launch| sales-backfill --param| --param: needs NAME=VALUE after it",
    "launch| --project=my-project --region=europe-west1| launch: name a template first, e.g. launch sales-backfill --project=",
  })
  void aMistakeIsOneLineNamingTheOptionAndChangesNothing(String command, String args, String expectedStart)
      throws IOException {
    Map<Path, String> before = snapshot();
    Console.Outcome outcome = run(command, args);

    assertEquals(2, outcome.status(), outcome.toString());
    String err = outcome.err().strip();
    assertEquals(1, err.lines().count(), "exactly one line on stderr: " + err);
    // "$" at the end: the whole line, no more.
    String expected = "error: " + expectedStart.trim().replace("{TMP}", tmp.toString());
    if (expected.endsWith("$")) {
      assertEquals(expected.substring(0, expected.length() - 1), err);
    } else {
      assertTrue(err.startsWith(expected), err);
    }
    assertEquals(before, snapshot(), "the folder is as it was");
  }

  @Test
  void aDirectoryForTheSimulatorsOutputIsCreatedAndTheFileHoldsEveryEvent() throws IOException {
    Path file = tmp.resolve("new/deeper/events.jsonl");
    Console.Outcome outcome = run("simulator", "--maxEvents=25 --outputFile=" + file);

    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(25, Files.readAllLines(file).size());
  }

  @Test
  void rawIngestOfAFileStoresEachOfItsLines() throws Exception {
    Path db = tmp.resolve("sales.duckdb");
    Console.Outcome outcome = run("raw-ingest", "--inputFilePattern=" + tmp.resolve("sales.jsonl") + " --duckdbPath=" + db);

    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(2, count(db, "sales_raw"));
  }

  @Test
  void aGlobReadsEveryFileItMatches() throws Exception {
    Path db = tmp.resolve("sales.duckdb");
    Console.Outcome outcome = run("stream-clean", "--inputFilePattern=" + tmp + "/*/*.jsonl --duckdbPath=" + db);

    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(1, count(db, "sales_cleaned"));
  }

  @Test
  void aSecondRunIntoAFileAnEarlierRunWroteAddsToIt() throws Exception {
    Path db = tmp.resolve("sales.duckdb");
    assertEquals(0, run("stream-clean", "--inputFilePattern=" + tmp.resolve("sales.jsonl") + " --duckdbPath=" + db).status());
    Console.Outcome second = run("stream-clean", "--inputFilePattern=" + tmp.resolve("folder/sales.jsonl")
        + " --duckdbPath=" + db);

    assertEquals(0, second.status(), second.toString());
    assertEquals(3, count(db, "sales_cleaned"));
  }

  @Test
  void aDemoAsFastAsADoubleAllowsStopsAtMaxEventsWithEveryEventStored() throws Exception {
    Path db = tmp.resolve("demo.duckdb");
    Console.Outcome outcome = run("demo", "--eventsPerSecond=1e308 --maxEvents=5 --dashboardPort=0 --duckdbPath=" + db);

    assertEquals(0, outcome.status(), outcome.toString());
    assertEquals(5, count(db, "sales_raw"));
  }

  private Console.Outcome run(String command, String args) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(Arrays.stream(args.trim().split(" ")).map(a -> a.replace("{TMP}", tmp.toString())).toList());
    return Console.capture(() -> Main.dispatch(all.toArray(String[]::new)));
  }

  /** Every file under the folder with its content, and every directory. */
  private Map<Path, String> snapshot() throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.toList()) {
        files.put(tmp.relativize(p), Files.isDirectory(p) ? "<dir>"
            : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  static long count(Path db, String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static java.util.Properties readOnly() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("duckdb.read_only", "true");
    return p;
  }
}
