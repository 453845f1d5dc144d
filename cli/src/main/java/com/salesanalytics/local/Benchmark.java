package com.salesanalytics.local;

import com.salesanalytics.io.SimulatorSource;
import com.salesanalytics.local.bench.CleanChainBenchmark;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.pipelines.Cli;
import com.salesanalytics.pipelines.RunSummary;
import com.salesanalytics.pipelines.Runs;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.transforms.SalesMetrics;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Instant;

/**
 * {@code bench}: the figures of docs/performance.md, each next to its reference from the same run
 * and the target of their ratio. Not a test: it asserts nothing, and its numbers depend on the
 * machine. Phases (all by default, or those named by {@code --phases}):
 *
 * <ul>
 *   <li>{@code chain}: parse → validate → totals → output row on one core (JMH), next to a Jackson
 *       databind loop and a hand-written streaming-parser loop doing the same;
 *   <li>{@code ceiling}: the simulator into a discarding sink on the DirectRunner with the demo's
 *       options: what the runner itself allows;
 *   <li>{@code pipeline}: the demo unthrottled in a JVM of its own: events/s through both branches
 *       into DuckDB, after a warm-up, against the ceiling;
 *   <li>{@code freshness}: the demo at {@code --freshnessRate} events/s for {@code --memoryMinutes}:
 *       creation → row visible in DuckDB, and heap and RSS at 60 s and at the end;
 *   <li>{@code sink}: the project's DuckDB writer against a bare appender loop;
 *   <li>{@code backfill}: a simulator file backfilled from the file and from sales_raw;
 *   <li>{@code kill}: a backfill killed with SIGKILL three times and re-run, against one never
 *       killed ({@link BackfillKills}).
 * </ul>
 */
public final class Benchmark {
  static final String SUMMARY = "Measures throughput, freshness and memory, each next to its reference and target.";
  static final List<String> PHASES = List.of("chain", "ceiling", "pipeline", "freshness", "sink", "backfill", "kill");
  /** Fast enough never to hold the simulator back. */
  private static final double UNTHROTTLED = 10_000_000;
  private static final double TARGET_EVENTS_PER_SECOND = 50_000;
  private static final String SUSTAINED = "demo sustained (slower branch)";
  private static final long FRESHNESS_WARMUP_SECONDS = 30;

  /** Options of the benchmark. */
  public interface Options extends PipelineOptions {
    @Description("Comma-separated phases to run: chain, ceiling, pipeline, freshness, sink, backfill, kill"
        + " (default: all).")
    @Default.String("chain,ceiling,pipeline,freshness,sink,backfill,kill")
    String getPhases();

    void setPhases(String value);

    @Description("JMH run of the chain phase: 'standard' (2 forks, 10 s warm-up, 5 s measured, about"
        + " 2 minutes) or 'smoke' (a few seconds, to check that it runs).")
    @Default.String("standard")
    String getChainRun();

    void setChainRun(String value);

    @Description("Seconds each pipeline phase runs before it is measured (JIT, caches, first windows).")
    @Default.Integer(10)
    Integer getWarmupSeconds();

    void setWarmupSeconds(Integer value);

    @Description("Seconds each pipeline phase is measured for, after the warm-up.")
    @Default.Integer(60)
    Integer getMeasureSeconds();

    void setMeasureSeconds(Integer value);

    @Description("Events/s the simulator offers in the freshness run; 0: 80% of the sustained rate the"
        + " pipeline phase measured, at most 50,000 (50,000 when that phase did not run).")
    @Default.Double(0)
    Double getFreshnessRate();

    void setFreshnessRate(Double value);

    @Description("Where to draw a PNG of the freshness run (events/s and freshness over time); none if empty.")
    @Default.String("")
    String getChart();

    void setChart(String value);

    @Description("JVM flags of the demo's own JVM in the pipeline and freshness phases, e.g. -Xmx1g"
        + " (default: none, as `java -jar` runs it).")
    @Default.String("")
    String getDemoJvmFlags();

    void setDemoJvmFlags(String value);

    @Description("Events in the simulator file the backfill phase writes and backfills.")
    @Default.Long(1_000_000)
    Long getBackfillEvents();

    void setBackfillEvents(Long value);

    @Description("Events in the simulator file the kill phase backfills, killed and not.")
    @Default.Long(1_000_000)
    Long getKillEvents();

    void setKillEvents(Long value);

    @Description("Where the kill phase kills the backfill, comma-separated: writing (its sales being written),"
        + " replaced (just after the range is replaced), kpis (the KPIs being recomputed).")
    @Default.String("writing,replaced,kpis")
    String getKillPoints();

    void setKillPoints(String value);

    @Description("Rows per round of the sink phase (project's DuckDB writer vs a bare appender loop).")
    @Default.Integer(1_000_000)
    Integer getSinkRows();

    void setSinkRows(Integer value);

    @Description("Minutes the freshness run lasts; memory is read at 60 s and at the end.")
    @Default.Double(5)
    Double getMemoryMinutes();

    void setMemoryMinutes(Double value);
  }

  private Benchmark() {}

  public static void execute(String[] args) {
    Cli.parse("bench", SUMMARY, args, Options.class).ifPresent(Benchmark::run);
  }

  static void run(Options options) {
    Set<String> phases = phases(options.getPhases());
    int warmup = OptionChecks.nonNegative("warmupSeconds", options.getWarmupSeconds());
    int measure = OptionChecks.positive("measureSeconds", options.getMeasureSeconds());
    double freshnessRate = options.getFreshnessRate();
    if (!(freshnessRate >= 0)) {
      throw OptionChecks.invalid("freshnessRate", "must be 0 (automatic) or a positive number, got " + freshnessRate);
    }
    List<String> demoJvm = List.of(options.getDemoJvmFlags().strip().split("\\s+")).stream()
        .filter(flag -> !flag.isEmpty()).toList();
    double memoryMinutes = options.getMemoryMinutes();
    if (!(memoryMinutes > 0)) {
      throw OptionChecks.invalid("memoryMinutes", "must be a positive number, got " + memoryMinutes);
    }
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", JVM flags " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    CleanChainBenchmark.RunLength chainRun = switch (options.getChainRun()) {
      case "standard" -> CleanChainBenchmark.RunLength.standard();
      case "smoke" -> CleanChainBenchmark.RunLength.smoke();
      default -> throw OptionChecks.invalid("chainRun", "expected standard or smoke, got '" + options.getChainRun() + "'");
    };
    List<BenchFigure> figures = new ArrayList<>();
    if (phases.contains("chain")) {
      figures.addAll(report(CleanChainBenchmark.run(chainRun)));
    }
    double ceiling = Double.NaN;
    if (phases.contains("ceiling")) {
      ceiling = ceiling(warmup, measure);
      figures.add(report(BenchFigure.alone("runner ceiling: simulator -> discard", ceiling, "events/s", null, null)));
    }
    double sustained = Double.NaN;
    if (phases.contains("pipeline")) {
      List<BenchFigure> pipeline = report(pipeline(warmup, measure, ceiling, demoJvm));
      figures.addAll(pipeline);
      sustained = pipeline.stream().filter(f -> f.what().startsWith(SUSTAINED)).findFirst().orElseThrow().value();
    }
    if (phases.contains("freshness")) {
      double rate = freshnessRate > 0 ? freshnessRate
          : Double.isNaN(sustained) ? TARGET_EVENTS_PER_SECOND : Math.max(100, Math.min(TARGET_EVENTS_PER_SECOND, Math.floor(0.8 * sustained)));
      long seconds = Math.max(warmup + measure, Math.round(memoryMinutes * 60));
      figures.addAll(report(freshness(rate, warmup, measure, seconds, options.getChart(), demoJvm)));
    }
    if (phases.contains("sink")) {
      int rows = OptionChecks.positive("sinkRows", options.getSinkRows());
      figures.addAll(report(DuckDbSinkBenchmark.measure(rows, 3, temporaryDirectory("sales-bench-sink"))));
    }
    if (phases.contains("backfill")) {
      long events = options.getBackfillEvents();
      if (events < 1) {
        throw OptionChecks.invalid("backfillEvents", "must be at least 1, got " + events);
      }
      figures.addAll(report(backfill(events, demoJvm)));
    }
    if (phases.contains("kill")) {
      long events = options.getKillEvents();
      if (events < 1) {
        throw OptionChecks.invalid("killEvents", "must be at least 1, got " + events);
      }
      figures.addAll(report(kill(events, killPoints(options.getKillPoints()), demoJvm)));
    }
    System.out.println();
    System.out.println("summary:");
    figures.forEach(f -> System.out.println("  " + f.line()));
  }

  static List<BackfillKills.KillPoint> killPoints(String text) {
    List<BackfillKills.KillPoint> points = new ArrayList<>();
    for (String part : text.split(",")) {
      try {
        points.add(BackfillKills.KillPoint.named(part));
      } catch (IllegalArgumentException e) {
        throw OptionChecks.invalid("killPoints", "unknown point '" + part.strip() + "'; choose from writing, replaced, kpis");
      }
    }
    return points;
  }

  private static Set<String> phases(String text) {
    List<String> named = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String phase : named) {
      if (!PHASES.contains(phase)) {
        throw OptionChecks.invalid("phases", "unknown phase '" + phase + "'; choose from " + String.join(", ", PHASES));
      }
    }
    if (named.isEmpty()) {
      throw OptionChecks.invalid("phases", "name at least one of " + String.join(", ", PHASES));
    }
    return Set.copyOf(named);
  }

  private static BenchFigure report(BenchFigure figure) {
    System.out.println(figure.line());
    return figure;
  }

  private static List<BenchFigure> report(List<BenchFigure> figures) {
    figures.forEach(Benchmark::report);
    return figures;
  }

  /** The demo's source and runner options with nothing behind the source but a counter. */
  static double ceiling(int warmupSeconds, int measureSeconds) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Runs.runLocallyWithoutCopyChecks(options);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("ReadMessages", SimulatorSource.live(unthrottledGenerator(), 0))
        .apply("Discard", ParDo.of(new DiscardFn()));
    PipelineResult result = pipeline.run();
    try {
      sleep(warmupSeconds);
      long before = RunSummary.of(result).get(DiscardFn.COUNTER);
      long start = System.nanoTime();
      sleep(measureSeconds);
      long after = RunSummary.of(result).get(DiscardFn.COUNTER);
      return (after - before) / ((System.nanoTime() - start) / 1e9);
    } finally {
      cancel(result);
    }
  }

  /** Counts and drops. */
  static final class DiscardFn extends DoFn<RawMessage, Void> {
    static final String COUNTER = "bench_discarded";
    private final Counter discarded = SalesMetrics.counter(COUNTER);

    @ProcessElement
    public void process() {
      discarded.inc();
    }
  }

  /** The demo unthrottled: how many events/s get through both branches into DuckDB. */
  static List<BenchFigure> pipeline(int warmupSeconds, int measureSeconds, double ceiling, List<String> jvmFlags) {
    DemoProcess.Run run = DemoProcess.run(jvmFlags,
        List.of("--eventsPerSecond=" + (long) UNTHROTTLED), warmupSeconds + measureSeconds,
        progressSeconds(measureSeconds));
    DemoProcess.Progress first = firstAtOrAfter(run.lines(), warmupSeconds);
    DemoProcess.Progress last = run.lines().isEmpty() ? null : run.lines().get(run.lines().size() - 1);
    if (first == null || last == null || last.seconds() <= first.seconds()) {
      throw new IllegalStateException("the demo printed too few progress lines to measure (" + run.lines().size() + ")");
    }
    double span = last.seconds() - first.seconds();
    double raw = (last.raw() - first.raw()) / span;
    double cleaned = (last.cleanedBranchDone() - first.cleanedBranchDone()) / span;
    double sustained = Math.min(raw, cleaned);
    List<BenchFigure> figures = new ArrayList<>();
    figures.add(BenchFigure.alone("demo: raw rows written", raw, "events/s", null, null));
    figures.add(BenchFigure.alone("demo: clean outcomes stored", cleaned, "events/s", null, null));
    figures.add(Double.isNaN(ceiling)
        ? BenchFigure.alone(SUSTAINED, sustained, "events/s", "≥ 50,000", sustained >= TARGET_EVENTS_PER_SECOND)
        : BenchFigure.against(SUSTAINED, sustained, "events/s", "runner ceiling", ceiling,
            "≥ 0.7x and ≥ 50,000", sustained >= 0.7 * ceiling && sustained >= TARGET_EVENTS_PER_SECOND));
    figures.add(BenchFigure.alone("demo unthrottled: peak RSS", run.peakRssBytes() / 1048576.0, "MB", null, null));
    return figures;
  }

  /**
   * The demo at {@code rate} for {@code seconds}: freshness from the end of the warm-up to the end
   * of the run (the highest p50 and p99 of its 5-second progress intervals, which bound the span's
   * own percentiles from above; a warm-up of at least 30 s, as the JIT and the first windows settle
   * later than the counts do), and memory at 60 s and at the end.
   */
  static List<BenchFigure> freshness(double rate, int warmupSeconds, int measureSeconds, long seconds, String chart,
      List<String> jvmFlags) {
    DemoProcess.Run run = DemoProcess.run(jvmFlags, List.of("--eventsPerSecond=" + rate), seconds,
        progressSeconds(measureSeconds));
    if (chart != null && !chart.isBlank()) {
      try {
        DemoChart.write(run.lines(), String.format(Locale.ROOT, "demo at %,.0f events/s offered (%d cores)", rate,
            Runtime.getRuntime().availableProcessors()), java.nio.file.Path.of(chart));
        System.out.println("chart: " + chart);
      } catch (java.io.IOException | RuntimeException e) {
        System.out.println("chart not drawn: " + e.getMessage());
      }
    }
    long settled = Math.min(Math.max(warmupSeconds, FRESHNESS_WARMUP_SECONDS), seconds - measureSeconds);
    List<DemoProcess.Progress> measured = run.lines().stream().filter(p -> p.seconds() > settled).toList();
    if (measured.isEmpty()) {
      throw new IllegalStateException("the demo printed no progress line in the measured span");
    }
    DemoProcess.Progress first = firstAtOrAfter(run.lines(), settled);
    DemoProcess.Progress last = measured.get(measured.size() - 1);
    double offered = (last.eventsIn() - first.eventsIn()) / (double) Math.max(1, last.seconds() - first.seconds());
    double p50 = measured.stream().mapToDouble(DemoProcess.Progress::freshP50).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    double p99 = measured.stream().mapToDouble(DemoProcess.Progress::freshP99).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    DemoProcess.Progress atMinute = firstAtOrAfter(run.lines(), 60);
    DemoProcess.Progress atEnd = run.lines().get(run.lines().size() - 1);
    List<BenchFigure> figures = new ArrayList<>();
    figures.add(BenchFigure.against(String.format(Locale.ROOT, "freshness run: events in (asked %,.0f/s)", rate),
        offered, "events/s", "asked", rate, "≥ 0.95x (kept up)", offered >= 0.95 * rate));
    figures.add(BenchFigure.alone("freshness p50 (creation -> visible), max/5 s", p50, "s", null, null));
    figures.add(BenchFigure.alone("freshness p99 (creation -> visible), max/5 s", p99, "s", "≤ 2 s", p99 <= 2.0));
    if (atMinute != null) {
      figures.add(BenchFigure.alone("memory at " + atMinute.seconds() + " s: heap", atMinute.heapMb(), "MB", null, null));
      figures.add(BenchFigure.alone("memory at " + atMinute.seconds() + " s: RSS", atMinute.rssMb(), "MB", "≤ 1,024 MB",
          atMinute.rssMb() <= 1024));
    }
    figures.add(BenchFigure.alone("memory at " + atEnd.seconds() + " s: heap", atEnd.heapMb(), "MB", null, null));
    figures.add(atMinute == null
        ? BenchFigure.alone("memory at " + atEnd.seconds() + " s: RSS", atEnd.rssMb(), "MB", "≤ 1,024 MB", atEnd.rssMb() <= 1024)
        : BenchFigure.against("memory at " + atEnd.seconds() + " s: RSS", atEnd.rssMb(), "MB", "at " + atMinute.seconds() + " s",
            atMinute.rssMb(), "≤ 1,024 MB and flat (≤ 1.2x)", atEnd.rssMb() <= 1024 && atEnd.rssMb() <= 1.2 * atMinute.rssMb()));
    figures.add(BenchFigure.alone("freshness run: peak RSS", run.peakRssBytes() / 1048576.0, "MB", "≤ 1,024 MB",
        run.peakRssBytes() <= 1024L * 1048576));
    return figures;
  }

  /**
   * The simulator writes {@code events} to a file; a backfill reads that file into a fresh DuckDB
   * file; raw ingest fills {@code sales_raw} of another from the same file and a backfill reads it
   * back from there. Each a command in its own JVM, timed with its start, its peak RSS polled.
   */
  static List<BenchFigure> backfill(long events, List<String> jvmFlags) {
    Path dir = temporaryDirectory("sales-bench-backfill");
    String file = dir.resolve("events.jsonl").toString();
    String range = "--from=2026-11-20 --to=2026-12-31";
    CommandProcess.Result simulate = checked(CommandProcess.run(jvmFlags, List.of("simulator",
        "--outputFile=" + file, "--maxEvents=" + events, "--startTime=2026-11-24T00:00:00Z")));
    CommandProcess.Result fromFile = checked(CommandProcess.run(jvmFlags, List.of("backfill",
        "--inputFilePattern=" + file, "--duckdbPath=" + dir.resolve("from-file.duckdb"))));
    String rawDb = "--duckdbPath=" + dir.resolve("from-raw.duckdb");
    checked(CommandProcess.run(jvmFlags, List.of("raw-ingest", "--inputFilePattern=" + file, rawDb)));
    List<String> fromRawArgs = new ArrayList<>(List.of("backfill", rawDb));
    fromRawArgs.addAll(List.of(range.split(" ")));
    CommandProcess.Result fromRaw = checked(CommandProcess.run(jvmFlags, fromRawArgs));
    String n = String.format(Locale.ROOT, "%,d", events);
    return List.of(
        BenchFigure.alone("simulator: " + n + " events to a file", simulate.seconds(), "s", "≤ 10 s (1M)",
            events == 1_000_000 ? simulate.seconds() <= 10 : null),
        BenchFigure.alone("backfill " + n + " from the file: wall clock", fromFile.seconds(), "s", "≤ 30 s (1M)",
            events == 1_000_000 ? fromFile.seconds() <= 30 : null),
        BenchFigure.alone("backfill " + n + " from the file: peak RSS", megabytes(fromFile.peakRssBytes()), "MB",
            "≤ 2,048 MB", fromFile.peakRssBytes() <= 2048L * 1048576),
        BenchFigure.alone("backfill " + n + " from sales_raw: wall clock", fromRaw.seconds(), "s", "≤ 30 s (1M)",
            events == 1_000_000 ? fromRaw.seconds() <= 30 : null),
        BenchFigure.alone("backfill " + n + " from sales_raw: peak RSS", megabytes(fromRaw.peakRssBytes()), "MB",
            "≤ 2,048 MB", fromRaw.peakRssBytes() <= 2048L * 1048576));
  }

  /**
   * The simulator writes {@code events} to a file; a backfill of it killed with SIGKILL at each of
   * {@code points} and re-run to the end is compared, table by table, with one never killed.
   */
  static List<BenchFigure> kill(long events, List<BackfillKills.KillPoint> points, List<String> jvmFlags) {
    Path dir = temporaryDirectory("sales-bench-kill");
    String file = dir.resolve("events.jsonl").toString();
    checked(CommandProcess.run(jvmFlags, List.of("simulator",
        "--outputFile=" + file, "--maxEvents=" + events, "--startTime=2026-11-24T00:00:00Z")));
    BackfillKills.Outcome outcome;
    try {
      outcome = BackfillKills.run(dir, file, points, jvmFlags);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("comparing the killed backfill failed: " + e.getMessage(), e);
    }
    String n = String.format(Locale.ROOT, "%,d", events);
    List<BenchFigure> figures = new ArrayList<>();
    figures.add(BenchFigure.alone("kill: backfill " + n + " uninterrupted: wall clock", outcome.uninterruptedSeconds(),
        "s", null, null));
    for (BackfillKills.Kill k : outcome.kills()) {
      figures.add(BenchFigure.alone(String.format(Locale.ROOT, "kill: SIGKILL %s (exit %d), progress then",
          k.point().name().toLowerCase(Locale.ROOT), k.exitCode()), 100 * k.progress(), "%", "≥ 20%",
          k.progress() >= 0.2));
    }
    long survived = outcome.kills().stream().filter(k -> k.exitCode() == 137).count();
    figures.add(BenchFigure.alone("kill: kills survived (file opened, re-run completed)", survived, "kills",
        "= " + points.size(), survived == points.size()));
    figures.add(BenchFigure.alone("kill: re-run to completion: wall clock", outcome.rerunSeconds(), "s", null, null));
    for (var d : outcome.differences()) {
      figures.add(BenchFigure.alone("kill: " + d.table() + " rows compared with the uninterrupted run", d.expectedRows(),
          "rows", null, null));
    }
    figures.add(BenchFigure.alone("kill: rows differing from the uninterrupted run", outcome.rowsDiffering(), "rows",
        "= 0", outcome.rowsDiffering() == 0));
    figures.add(BenchFigure.alone("kill: tables the killed runs left in the file", outcome.extraTables().size(),
        "tables", "= 0", outcome.extraTables().isEmpty()));
    return figures;
  }

  static CommandProcess.Result checked(CommandProcess.Result result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException("a bench command failed (exit " + result.exitCode() + "): "
          + String.join(" / ", result.tail()));
    }
    return result;
  }

  private static double megabytes(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / 1048576.0;
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Progress every 5 s, or often enough for a few lines in a short measurement. */
  private static int progressSeconds(int measureSeconds) {
    return Math.max(1, Math.min(5, measureSeconds / 4));
  }

  private static DemoProcess.Progress firstAtOrAfter(List<DemoProcess.Progress> lines, long seconds) {
    return lines.stream().filter(p -> p.seconds() >= seconds).findFirst().orElse(null);
  }

  private static SaleGenerator unthrottledGenerator() {
    SimulatorConfig base = SimulatorConfig.defaults(42, Instant.parse("2026-11-24T00:00:00Z"));
    return new SaleGenerator(new SimulatorConfig(base.seed(), UNTHROTTLED, base.startTime(), base.invalidRatio(),
        base.duplicateRatio(), base.lateRatio(), base.stores(), base.customers(), base.products()));
  }

  private static void sleep(int seconds) {
    try {
      TimeUnit.SECONDS.sleep(seconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void cancel(PipelineResult result) {
    try {
      result.cancel();
    } catch (java.io.IOException | RuntimeException e) {
      System.out.println("  cancelling the ceiling run failed: " + e.getMessage());
    }
  }
}
