package com.salesanalytics.local;

import com.salesanalytics.io.SimulatorSource;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.logic.ParseResult;
import com.salesanalytics.logic.SaleParser;
import com.salesanalytics.logic.SaleTotals;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.pipelines.Cli;
import com.salesanalytics.pipelines.RunSummary;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.SalesAnalytics;
import com.salesanalytics.pipelines.StreamCleanPipeline;
import com.salesanalytics.transforms.DedupeKeys;
import com.salesanalytics.transforms.ParseSales;
import com.salesanalytics.transforms.SalesMetrics;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * {@code bench}: throughput figures for docs/performance.md. Not a test: it asserts nothing and
 * its numbers depend on the machine.
 *
 * <ol>
 *   <li>parse → validate → totals as a plain single-threaded Java loop over in-memory payloads;
 *   <li>the same chain as the pipeline's ParseSales step on the DirectRunner with one worker thread,
 *       over the same payloads;
 *   <li>the demo pipeline (simulator → raw ingest + stream clean → DuckDB), unthrottled, events/s.
 * </ol>
 */
public final class Benchmark {
  static final String SUMMARY = "Measures events/s of the clean chain (plain loop vs Beam, one core) and of the demo.";
  /** Distinct payloads cycled through; enough variety for the branch predictor, small to ship. */
  private static final int DISTINCT_PAYLOADS = 10_000;

  /** Options of the benchmark. */
  public interface Options extends PipelineOptions {
    @Description("Events through the parse/validate/totals chain, per measurement.")
    @Default.Long(1_000_000)
    Long getChainEvents();

    void setChainEvents(Long value);

    @Description("Events through the demo pipeline.")
    @Default.Long(200_000)
    Long getDemoEvents();

    void setDemoEvents(Long value);
  }

  private Benchmark() {}

  public static void execute(String[] args) {
    Cli.parse("bench", SUMMARY, args, Options.class).ifPresent(Benchmark::run);
  }

  static void run(Options options) {
    long chainEvents = options.getChainEvents();
    long demoEvents = options.getDemoEvents();
    if (chainEvents < 1 || demoEvents < 1) {
      throw OptionChecks.invalid(chainEvents < 1 ? "chainEvents" : "demoEvents", "must be at least 1");
    }
    SaleGenerator generator = new SaleGenerator(SimulatorConfig.defaults(42, Instant.parse("2026-11-24T00:00:00Z")));
    byte[][] payloads = new byte[DISTINCT_PAYLOADS][];
    for (int i = 0; i < DISTINCT_PAYLOADS; i++) {
      payloads[i] = generator.event(i).payload().getBytes(StandardCharsets.UTF_8);
    }
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", JVM flags " + ManagementFactory.getRuntimeMXBean().getInputArguments());

    plainLoop(payloads, Math.min(chainEvents, 200_000)); // warm-up
    double loop = plainLoop(payloads, chainEvents);
    System.out.printf("plain Java loop, 1 thread:           %,10.0f events/s%n", loop);

    double beam = beamChain(payloads, chainEvents);
    System.out.printf("Beam ParseSales, DirectRunner 1 thread: %,7.0f events/s (%.1fx slower)%n", beam, loop / beam);

    double demo = demo(generator.config(), demoEvents);
    System.out.printf("demo pipeline to DuckDB, sustained:   %,8.0f events/s (%,d events)%n", demo, demoEvents);
  }

  static double plainLoop(byte[][] payloads, long events) {
    long start = System.nanoTime();
    BigDecimal checksum = BigDecimal.ZERO;
    long invalid = 0;
    for (long i = 0; i < events; i++) {
      ParseResult result = SaleParser.parse(payloads[(int) (i % payloads.length)]);
      if (result instanceof ParseResult.Valid valid) {
        CleanedSale sale = SaleTotals.of(valid.sale(), "bench", Instant.EPOCH);
        checksum = checksum.add(sale.totalAmount());
      } else {
        invalid++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (checksum.signum() < 0 || invalid < 0) {
      throw new IllegalStateException("unreachable; keeps the JIT from skipping the work");
    }
    return events / seconds;
  }

  static double beamChain(byte[][] payloads, long events) {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setTargetParallelism(1);
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(GenerateSequence.from(0).to(events))
        .apply("PayloadOf", ParDo.of(new PayloadFn(payloads))).setCoder(RawMessageCoder.of())
        .apply(new ParseSales())
        .get(ParseSales.SALES)
        .apply(Count.globally());
    long start = System.nanoTime();
    pipeline.run().waitUntilFinish();
    return events / ((System.nanoTime() - start) / 1e9);
  }

  private static final class PayloadFn extends DoFn<Long, RawMessage> {
    private final byte[][] payloads;

    PayloadFn(byte[][] payloads) {
      this.payloads = payloads;
    }

    @ProcessElement
    public void process(@Element Long index, OutputReceiver<RawMessage> out) {
      out.output(new RawMessage(payloads[(int) (index % payloads.length)], "bench-" + index, Instant.EPOCH, Map.of()));
    }
  }

  static double demo(SimulatorConfig base, long events) {
    try {
      Path dir = Files.createTempDirectory("sales-bench");
      String path = dir.resolve("bench.duckdb").toString();
      SimulatorConfig unthrottled = new SimulatorConfig(base.seed(), 1_000_000, base.startTime(), base.invalidRatio(),
          base.duplicateRatio(), base.lateRatio(), base.stores(), base.customers(), base.products());
      DemoPipeline.Options options = PipelineOptionsFactory.as(DemoPipeline.Options.class);
      options.setRunner(DirectRunner.class);
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setEnforceImmutability(false);
      direct.setEnforceEncodability(false);
      Pipeline pipeline = Pipeline.create(options);
      DemoPipeline.build(pipeline, SimulatorSource.live(new SaleGenerator(unthrottled), events),
          new DuckDbWarehouse(path), new SalesAnalytics(CleanSales.streaming(Duration.standardMinutes(10),
              StreamCleanPipeline.dedupeKeys(options)), StreamCleanPipeline.kpiWindowing(options)));
      long start = System.nanoTime();
      PipelineResult result = pipeline.run();
      result.waitUntilFinish();
      double rate = events / ((System.nanoTime() - start) / 1e9);
      long written = RunSummary.of(result).get(SalesMetrics.RAW_WRITTEN);
      if (written != events) {
        throw new IllegalStateException("demo wrote " + written + " raw rows of " + events);
      }
      DuckDbDatabase.closeIfOpen(path);
      return rate;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
