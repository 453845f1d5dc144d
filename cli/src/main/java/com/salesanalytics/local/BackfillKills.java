package com.salesanalytics.local;

import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.duckdb.ReadOnlyDuckDb;
import com.salesanalytics.io.duckdb.TableComparison;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backfill of one file into one DuckDB file, killed with SIGKILL part way several times and then
 * run to the end, against the same backfill run once without a kill into another file: the promise
 * that a crash loses nothing and duplicates nothing, as Kafka's transaction tests kill brokers
 * mid-run and compare input with output. Each command runs in a JVM of its own, as a user runs it.
 *
 * <p>Progress is read on the backfill's own clock, the seconds its pipeline has run (its progress
 * lines, one a second: JVM start and pipeline construction are not progress), as a share of the
 * uninterrupted run's. Its counters are too coarse for it (parsing counts 20,000 messages in one
 * step, and nothing is written before the dedupe has seen every message); by the clock a kill at
 * 0.7 comes while the sales are written, at 0.9 while the KPIs are recomputed. After each kill the file is opened (read-only) and
 * its rows counted: it must stay openable, and the counts show how far the killed run got. In the
 * end the file must hold no table the uninterrupted run's does not (a killed run's staging table).
 */
final class BackfillKills {
  /** One kill: when, as a share of the uninterrupted run, and what the file held afterwards. */
  record Kill(double fraction, double seconds, int exitCode, long cleanedRows, long lineItemRows, long deadLetterRows) {}

  /** The whole experiment: the runs' wall clocks, the kills, and each table compared. */
  record Outcome(double uninterruptedSeconds, List<Kill> kills, double rerunSeconds,
      List<TableComparison.Difference> differences, List<String> extraTables) {
    long rowsCompared() {
      return differences.stream().mapToLong(TableComparison.Difference::expectedRows).sum();
    }

    long rowsDiffering() {
      return differences.stream().mapToLong(d -> d.onlyExpected() + d.onlyActual()).sum();
    }
  }

  private BackfillKills() {}

  /**
   * Backfills {@code inputFile} into {@code dir}/uninterrupted.duckdb, then into
   * {@code dir}/killed.duckdb killed at each of {@code fractions} of that run's wall time and run
   * once more to the end; compares the two files' backfill tables.
   */
  static Outcome run(Path dir, String inputFile, List<Double> fractions, List<String> jvmFlags) throws SQLException {
    Path uninterrupted = dir.resolve("uninterrupted.duckdb");
    Path killed = dir.resolve("killed.duckdb");
    CommandProcess.Result once = Benchmark.checked(CommandProcess.run(jvmFlags, backfill(inputFile, uninterrupted)));
    long total = once.tail().stream().mapToLong(BackfillKills::runningSeconds).max().orElse(-1) + 1;
    List<Kill> kills = new ArrayList<>();
    for (double fraction : fractions) {
      CommandProcess.Result result = CommandProcess.runKilledWhen(jvmFlags, backfill(inputFile, killed),
          line -> runningSeconds(line) >= fraction * total);
      kills.add(afterKill(fraction, result, killed));
    }
    CommandProcess.Result rerun = Benchmark.checked(CommandProcess.run(jvmFlags, backfill(inputFile, killed)));
    List<String> extraTables = new ArrayList<>(TableComparison.tableNames(killed));
    extraTables.removeAll(TableComparison.tableNames(uninterrupted));
    return new Outcome(once.seconds(), kills, rerun.seconds(),
        TableComparison.compare(uninterrupted, killed, TableComparison.BACKFILL_TABLES), extraTables);
  }

  private static List<String> backfill(String inputFile, Path duckdb) {
    return List.of("backfill", "--inputFilePattern=" + inputFile, "--duckdbPath=" + duckdb,
        "--progressIntervalSeconds=1");
  }

  private static final Pattern RUNNING = Pattern.compile("backfill running for (\\d+) s");

  /** The seconds a progress line of the backfill says its pipeline has run; -1 for other lines. */
  static long runningSeconds(String line) {
    Matcher m = RUNNING.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Opens the file the killed run left (it must open) and counts what it holds; none yet: nothing. */
  private static Kill afterKill(double fraction, CommandProcess.Result result, Path file) throws SQLException {
    if (!java.nio.file.Files.exists(file)) {
      return new Kill(fraction, result.seconds(), result.exitCode(), 0, 0, 0);
    }
    try (Connection c = ReadOnlyDuckDb.open(file); Statement s = c.createStatement()) {
      return new Kill(fraction, result.seconds(), result.exitCode(), count(s, SalesTable.CLEANED),
          count(s, SalesTable.LINE_ITEMS), count(s, SalesTable.DEAD_LETTER));
    }
  }

  private static long count(Statement s, SalesTable table) throws SQLException {
    try (ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table.tableName())) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
