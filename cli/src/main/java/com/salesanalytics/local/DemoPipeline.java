package com.salesanalytics.local;

import com.salesanalytics.dashboard.Dashboard;
import com.salesanalytics.dashboard.DashboardServer;
import com.salesanalytics.dashboard.DemoDashboardOptions;
import com.salesanalytics.dashboard.ListenAddress;
import com.salesanalytics.io.SimulatorSource;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.io.duckdb.SimulatorPosition;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.options.DedupeOptions;
import com.salesanalytics.options.DedupeShardOptions;
import com.salesanalytics.options.DuckDbOptions;
import com.salesanalytics.options.KpiOptions;
import com.salesanalytics.options.KpiShardOptions;
import com.salesanalytics.options.LocalProgressOptions;
import com.salesanalytics.transforms.SalesAnalytics;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.SimulationOptions;
import com.salesanalytics.pipelines.Cli;
import com.salesanalytics.pipelines.RawIngestPipeline;
import com.salesanalytics.pipelines.RunSummary;
import com.salesanalytics.pipelines.Runs;
import com.salesanalytics.pipelines.Simulations;
import com.salesanalytics.pipelines.StreamCleanPipeline;
import com.salesanalytics.simulator.SaleGenerator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;

/**
 * The embedded default, end to end: the simulator streams into raw ingest and stream clean on the
 * DirectRunner, into one DuckDB file, with a progress line every few seconds until Ctrl-C or
 * {@code --maxEvents}. The same transforms as the Dataflow templates; only the IO differs.
 */
public final class DemoPipeline {
  static final String SUMMARY = "Runs the simulator into raw-ingest + stream-clean on this machine,"
      + " into a DuckDB file, printing progress.";
  static final String DEFAULT_DUCKDB_PATH = "sales-demo.duckdb";

  /** Options of the demo. */
  public interface Options extends SimulationOptions, DedupeOptions, DedupeShardOptions, KpiOptions, KpiShardOptions,
      DuckDbOptions,
      DemoDashboardOptions, LocalProgressOptions {}

  private DemoPipeline() {}

  public static void main(String[] args) {
    System.exit(Cli.run(DemoPipeline::execute, args));
  }

  public static void execute(String[] args) {
    Cli.parse("demo", SUMMARY + " (--duckdbPath defaults to " + DEFAULT_DUCKDB_PATH + ")", args, Options.class)
        .ifPresent(DemoPipeline::run);
  }

  public static void run(Options options) {
    String path = OptionChecks.isSet(options.getDuckdbPath()) ? options.getDuckdbPath() : DEFAULT_DUCKDB_PATH;
    SaleGenerator asked = Simulations.generator(options);
    int interval = LocalProgressOptions.seconds(options, 5);
    ListenAddress dashboardAddress = DemoDashboardOptions.listenAddress(options);
    options.setRunner(DirectRunner.class);
    SalesAnalytics analytics = StreamCleanPipeline.analytics(options);
    // Opened before the run, after every other option is checked, so that a mistake there creates
    // no file and a path DuckDB cannot use is one line naming --duckdbPath. The dashboard reads in
    // this JVM, on duplicates of the writer's connection: DuckDB lets no other process open the
    // file while the demo writes it.
    DuckDbDatabase database = DuckDbDatabase.openForWriting(path);
    DuckDbWarehouse warehouse = new DuckDbWarehouse(path);
    SaleGenerator generator;
    SimulatorPosition.Resume resume;
    try {
      generator = new SaleGenerator(
          SimulatorPosition.agree(database, asked.config(), OptionChecks.isSet(options.getStartTime())));
      resume = SimulatorPosition.read(database, generator);
    } catch (java.sql.SQLException e) {
      DuckDbDatabase.closeIfOpen(path);
      throw new Cli.Failure("demo: cannot read where " + database.path() + " left off: " + e.getMessage());
    } catch (IllegalArgumentException otherOptions) {
      DuckDbDatabase.closeIfOpen(path);
      throw otherOptions;
    }
    long maxEvents = options.getMaxEvents();
    Runs.runLocallyWithoutCopyChecks(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, source(generator, maxEvents, resume), warehouse, analytics);

    System.out.printf("demo: %s events/s from %s (seed %d) into %s; %s%n",
        fmt(generator.config().eventsPerSecond()), generator.config().startTime(), generator.config().seed(),
        database.path(), maxEvents > 0 ? "stops after " + maxEvents + " events" : "Ctrl-C to stop");
    if (!resume.fromStart()) {
      System.out.printf("demo: resuming: events 0 to %d stored but %d of them, which go first; then from %d%n",
          resume.next() - 1, resume.notDone().size(), resume.next());
    }
    DashboardServer dashboard =
        DashboardServer.start(dashboardAddress, new Dashboard(database::readConnection, Clock.systemUTC()));
    System.out.println("dashboard: " + dashboard.url() + " (live while the demo runs)");
    PipelineResult result;
    try {
      result = pipeline.run();
    } catch (RuntimeException e) {
      dashboard.close();
      throw e;
    }
    Freshness.Probe freshness = Freshness.Probe.start(database::readConnection);
    new ProgressReporter(result, path, interval, dashboard, freshness).runUntilDone();
  }

  /**
   * The simulator, from where the file left off: a crashed run's unfinished events, then onwards
   * (nothing below {@code maxEvents} skipped, nothing already stored sent again).
   */
  static SimulatorSource source(SaleGenerator generator, long maxEvents, SimulatorPosition.Resume resume) {
    List<Long> earlier = resume.notDone().stream().filter(i -> maxEvents == 0 || i < maxEvents).toList();
    return SimulatorSource.resumed(generator, maxEvents, Freshness.RECORD, earlier, resume.next());
  }

  /** Raw ingest and stream clean side by side on one stream, one dead-letter sink for both. */
  static void build(Pipeline pipeline, PTransform<PBegin, PCollection<RawMessage>> source, Warehouse warehouse,
      SalesAnalytics analytics) {
    PCollection<RawMessage> messages = pipeline.apply("ReadMessages", source);
    PCollection<DeadLetter> rawRefused = RawIngestPipeline.ingest(messages, warehouse);
    PCollection<DeadLetter> cleanFailures = StreamCleanPipeline.analyse(messages, analytics, warehouse);
    PCollectionList.of(rawRefused).and(cleanFailures)
        .apply("RawAndCleanDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", warehouse.writeDeadLetters());
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Prints progress until the run ends or the user presses Ctrl-C, then the summary and a peek at the data. */
  private static final class ProgressReporter {
    private final PipelineResult result;
    private final String path;
    private final int intervalSeconds;
    private final DashboardServer dashboard;
    private final Freshness.Probe freshness;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long startNanos = System.nanoTime();

    ProgressReporter(PipelineResult result, String path, int intervalSeconds, DashboardServer dashboard,
        Freshness.Probe freshness) {
      this.result = result;
      this.path = path;
      this.intervalSeconds = intervalSeconds;
      this.dashboard = dashboard;
      this.freshness = freshness;
    }

    /** Held, so that the level set on it stays (the logging framework keeps loggers weakly). */
    private static final java.util.logging.Logger DIRECT_RUNNER_LOG =
        java.util.logging.Logger.getLogger("org.apache.beam.runners.direct");

    void runUntilDone() {
      Thread onCtrlC = new Thread(() -> finish("cancelled"), "demo-shutdown");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      long lastEvents = 0;
      long lastNanos = startNanos;
      PipelineResult.State state = result.getState();
      while (!state.isTerminal()) {
        try {
          state = result.waitUntilFinish(Duration.standardSeconds(intervalSeconds));
        } catch (RuntimeException refused) {
          if (finished.get()) {
            // Ctrl-C: the hook cancelled the run and reports it; the runner, shutting down, may
            // throw here the refusal of work it still had queued.
            return;
          }
          throw refused;
        }
        state = state == null ? result.getState() : state;
        RunSummary now = RunSummary.of(result);
        long nanos = System.nanoTime();
        long events = now.get("events_in");
        double rate = (events - lastEvents) / ((nanos - lastNanos) / 1e9);
        System.out.println(ProgressLine.of(now, (nanos - startNanos) / 1_000_000_000L, rate,
            freshness.sinceLastReport(), ProcessMemory.now()));
        lastEvents = events;
        lastNanos = nanos;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the run ended because the hook cancelled it, and the hook reports it.
        return;
      }
      finish(state.toString());
    }

    private void finish(String how) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      if (!result.getState().isTerminal()) {
        // Once cancelled, the DirectRunner's executor refuses the work still queued and logs each
        // refusal as SEVERE with a stack trace ("Internal Error while delivering timers"): noise
        // after a Ctrl-C, so the runner's own logging ends here.
        DIRECT_RUNNER_LOG.setLevel(java.util.logging.Level.OFF);
        try {
          result.cancel();
        } catch (java.io.IOException | RuntimeException e) {
          System.err.println("demo: cancelling the pipeline failed: " + e.getMessage());
        }
      }
      freshness.close();
      System.out.println("demo " + how + ": " + RunSummary.of(result).line());
      System.out.println(WarehouseReport.of(path));
      dashboard.close(); // before the connection it reads goes
      DuckDbDatabase.closeIfOpen(path);
    }
  }
}
