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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backfill of one file into one DuckDB file, killed with SIGKILL part way several times and then
 * run to the end, against the same backfill run once without a kill into another file: the promise
 * that a crash loses nothing and duplicates nothing, as Kafka's transaction tests kill brokers
 * mid-run and compare input with output. Each command runs in a JVM of its own, as a user runs it.
 *
 * <p>A run is killed at a moment of its own, recognised in the lines it prints ({@link KillPoint}),
 * not on a clock: the wall clock of one run says little of another's on a shared machine (a 1M
 * backfill took 359 s once and 161 s the next time), so kills timed on it came after the run had
 * ended. Every point comes after all messages are read, parsed and deduplicated; how far the run
 * had got is reported as the second of its pipeline (its progress lines, one a second) against the
 * uninterrupted run's length. After each kill the file is opened (read-only) and its rows counted:
 * it must stay openable, and the counts show how far the killed run got. In the end the file must
 * hold no table the uninterrupted run's does not (a killed run's staging table).
 */
final class BackfillKills {
  /** Moments of a backfill, each recognised in a line it prints. */
  enum KillPoint {
    /** Its sales are being written to the staging table (a progress line counts some written). */
    WRITING(line -> written(line) > 0),
    /** The range has just been replaced in sales_cleaned; line items and KPIs may still be going. */
    REPLACED(line -> line.contains("Backfill replaced")),
    /** The store KPIs of the touched windows are being recomputed. */
    KPIS(line -> line.contains("Recomputing the store KPIs"));

    private final Predicate<String> reached;

    KillPoint(Predicate<String> reached) {
      this.reached = reached;
    }

    static KillPoint named(String name) {
      for (KillPoint point : values()) {
        if (point.name().equalsIgnoreCase(name.strip())) {
          return point;
        }
      }
      throw new IllegalArgumentException(name);
    }
  }

  /** One kill: where, how far the run had got (its pipeline's second / the uninterrupted run's), what the file held. */
  record Kill(KillPoint point, double progress, int exitCode, long cleanedRows, long lineItemRows,
      long deadLetterRows) {}

  /** The whole experiment: the runs' wall clocks, the kills, and each table compared. */
  record Outcome(double uninterruptedSeconds, List<Kill> kills, double rerunSeconds,
      List<TableComparison.Difference> differences, List<String> extraTables) {
    long rowsDiffering() {
      return differences.stream().mapToLong(d -> d.onlyExpected() + d.onlyActual()).sum();
    }
  }

  private BackfillKills() {}

  /**
   * Backfills {@code inputFile} into {@code dir}/uninterrupted.duckdb, then into
   * {@code dir}/killed.duckdb killed at each of {@code points} and run once more to the end;
   * compares the two files' backfill tables.
   */
  static Outcome run(Path dir, String inputFile, List<KillPoint> points, List<String> jvmFlags) throws SQLException {
    Path uninterrupted = dir.resolve("uninterrupted.duckdb");
    Path killed = dir.resolve("killed.duckdb");
    // The run's length from every progress line it prints, not from the tail of its output: the
    // lines after its last progress line (summary, warnings) can fill the tail.
    AtomicLong lastSecond = new AtomicLong(-1);
    CommandProcess.Result once = Benchmark.checked(CommandProcess.runKilledWhen(jvmFlags,
        backfill(inputFile, uninterrupted), line -> {
          lastSecond.accumulateAndGet(runningSeconds(line), Math::max);
          return false;
        }));
    long length = lastSecond.get() + 1;
    List<Kill> kills = new ArrayList<>();
    for (KillPoint point : points) {
      AtomicLong second = new AtomicLong();
      CommandProcess.Result result = CommandProcess.runKilledWhen(jvmFlags, backfill(inputFile, killed), line -> {
        second.accumulateAndGet(runningSeconds(line), Math::max);
        return point.reached.test(line);
      });
      kills.add(afterKill(point, length <= 0 ? Double.NaN : second.get() / (double) length, result, killed));
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
  private static final Pattern WRITTEN = Pattern.compile("backfill running for .* cleaned_written=(\\d+)");

  /** The sales a progress line of the backfill counts written; -1 for other lines. */
  static long written(String line) {
    Matcher m = WRITTEN.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The seconds a progress line of the backfill says its pipeline has run; -1 for other lines. */
  static long runningSeconds(String line) {
    Matcher m = RUNNING.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Opens the file the killed run left (it must open) and counts what it holds; none yet: nothing. */
  private static Kill afterKill(KillPoint point, double progress, CommandProcess.Result result, Path file)
      throws SQLException {
    if (!java.nio.file.Files.exists(file)) {
      return new Kill(point, progress, result.exitCode(), 0, 0, 0);
    }
    try (Connection c = ReadOnlyDuckDb.open(file); Statement s = c.createStatement()) {
      return new Kill(point, progress, result.exitCode(), count(s, SalesTable.CLEANED),
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
