package com.salesanalytics.pipelines;

import com.salesanalytics.io.LocalFiles;
import com.salesanalytics.io.MessageSinks;
import com.salesanalytics.io.SimulatorFile;
import com.salesanalytics.io.SimulatorSource;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.SimulationOptions;
import com.salesanalytics.options.SimulatorOutputOptions;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorTally;
import org.apache.beam.sdk.options.Validation;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateLauncher;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Template {@code sales-simulator}: realistic sales, with a chosen share of invalid, duplicate and
 * late ones, published to a Pub/Sub topic at a steady rate (load tests) or written to a JSON-lines
 * file (replays, local runs).
 */
public final class SimulatorPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorPipeline.class);
  static final String SUMMARY = "Generates realistic sales events to a Pub/Sub topic or a JSON-lines file.";

  /**
   * The Flex Template's parameters: what Dataflow offers (no local files or DuckDB), with the
   * template's required ones marked so.
   */
  public interface TemplateOptions extends SimulationOptions, SimulatorOutputOptions {
    @Override
    @Validation.Required
    String getOutputTopic();
  }

  /** Options of the simulator template. */
  public interface Options extends SimulationOptions, SimulatorOutputOptions {}

  private SimulatorPipeline() {}

  /** The Flex Template entry point: template parameters only, checked against the metadata's rules. */
  public static void main(String[] args) {
    System.exit(Cli.run(a -> TemplateLauncher.launch(SalesTemplate.SIMULATOR, a), args));
  }

  /** Parses the arguments and runs; {@code --help} prints the options instead. */
  public static void execute(String[] args) {
    Cli.parse("simulator", SUMMARY, args, Options.class).ifPresent(SimulatorPipeline::run);
  }

  public static PipelineResult run(Options options) {
    OptionChecks.exactlyOne("outputTopic", options.getOutputTopic(), "outputFile", options.getOutputFile());
    SaleGenerator generator = Simulations.generator(options);
    Pipeline pipeline = create(options, generator);
    // Counted while the pipeline starts and runs: it regenerates every event, a second or two of
    // a local run that would otherwise come after it.
    CompletableFuture<SimulatorTally> expected = Runs.isLocal(options) && options.getMaxEvents() > 0
        ? CompletableFuture.supplyAsync(() -> SimulatorTally.of(generator, options.getMaxEvents()))
        : null;
    PipelineResult result = Runs.run("simulator", pipeline, () -> { });
    if (expected != null) {
      System.out.println("simulator expected: " + expected.join());
    }
    return result;
  }

  /** The pipeline the options describe, built and not yet run. */
  public static Pipeline create(Options options) {
    OptionChecks.exactlyOne("outputTopic", options.getOutputTopic(), "outputFile", options.getOutputFile());
    return create(options, Simulations.generator(options));
  }

  private static Pipeline create(Options options, SaleGenerator generator) {
    long maxEvents = options.getMaxEvents();
    Pipeline pipeline = Pipeline.create(options);
    if (OptionChecks.isSet(options.getOutputFile())) {
      if (maxEvents < 1) {
        throw OptionChecks.invalid("maxEvents", "is required with --outputFile (a file must end), e.g. --maxEvents=10000");
      }
      LocalFiles.checkWritableFile("outputFile", options.getOutputFile());
      logStart(generator);
      pipeline.apply("SimulateToFile", new SimulatorFile(generator, maxEvents, options.getOutputFile()));
      return pipeline;
    }
    String topic = OptionChecks.matching("outputTopic", options.getOutputTopic(), OptionChecks.TOPIC,
        "projects/PROJECT/topics/NAME");
    logStart(generator);
    pipeline.apply("Simulate", SimulatorSource.live(generator, maxEvents)).apply("Send", MessageSinks.pubsub(topic, null));
    return pipeline;
  }

  private static void logStart(SaleGenerator generator) {
    LOG.info("Simulating from {} with seed {} (pass --startTime and --seed to reproduce)",
        generator.config().startTime(), generator.config().seed());
  }
}
