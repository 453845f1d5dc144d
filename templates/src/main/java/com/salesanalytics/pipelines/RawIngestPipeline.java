package com.salesanalytics.pipelines;

import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.options.SourceOptions;
import com.salesanalytics.options.WarehouseOptions;
import com.salesanalytics.options.BigQueryOutputOptions;
import com.salesanalytics.options.PubsubInputOptions;
import org.apache.beam.sdk.options.Validation;
import com.google.dataflow.v1beta3.ParameterType;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.TemplateParameter;
import org.apache.beam.sdk.options.Description;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateLauncher;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Template {@code sales-raw-ingest}: every message, valid or not, into {@code sales_raw}, untouched,
 * with its Pub/Sub metadata. The audit trail and the source of backfills.
 */
public final class RawIngestPipeline {
  static final String SUMMARY = "Reads sales messages and appends every one, untouched, to sales_raw.";

  /**
   * The Flex Template's parameters: what Dataflow offers (no local files or DuckDB), with the
   * template's required ones marked so.
   */
  public interface TemplateOptions extends PubsubInputOptions, BigQueryOutputOptions {
    @Override
    @Validation.Required
    @TemplateParameter(label = "Input Pub/Sub subscription", type = ParameterType.PUBSUB_SUBSCRIPTION,
        regexes = OptionChecks.SUBSCRIPTION_REGEX, example = "projects/retail-analytics-prod/subscriptions/sales-raw-ingest",
        counterexample = "sales-raw-ingest")
    @Description("Pub/Sub subscription read by this pipeline alone, as projects/PROJECT/subscriptions/NAME (Terraform"
        + " creates sales-raw-ingest): a second job on the same subscription would split its messages with this one.")
    String getInputSubscription();

    @Override
    @Validation.Required
    String getOutputDataset();
  }

  /** Options of the raw ingest template. */
  public interface Options extends SourceOptions, WarehouseOptions {}

  private RawIngestPipeline() {}

  /** The Flex Template entry point: template parameters only, checked against the metadata's rules. */
  public static void main(String[] args) {
    System.exit(Cli.run(a -> TemplateLauncher.launch(SalesTemplate.RAW_INGEST, a), args));
  }

  /** Parses the arguments and runs; {@code --help} prints the options instead. */
  public static void execute(String[] args) {
    Cli.parse("raw-ingest", SUMMARY, args, Options.class).ifPresent(RawIngestPipeline::run);
  }

  public static PipelineResult run(Options options) {
    return Runs.run("raw-ingest", create(options), () -> Warehouses.release(options));
  }

  /** The pipeline the options describe, built and not yet run. */
  public static Pipeline create(Options options) {
    PTransform<PBegin, PCollection<RawMessage>> source = Inputs.from(options);
    Warehouse warehouse = Warehouses.from(options);
    // The files last, once every option is known good: opening the database may create it.
    Inputs.checkFiles(options);
    Warehouses.open(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, source, warehouse);
    return pipeline;
  }

  static void build(Pipeline pipeline, PTransform<PBegin, PCollection<RawMessage>> source, Warehouse warehouse) {
    PCollection<RawMessage> messages = pipeline.apply("ReadMessages", source);
    ingest(messages, warehouse).apply("WriteDeadLetters", warehouse.writeDeadLetters());
  }

  /** Appends the messages to sales_raw; returns the ones the warehouse refused. */
  public static PCollection<DeadLetter> ingest(PCollection<RawMessage> messages, Warehouse warehouse) {
    return messages.apply("WriteSalesRaw", warehouse.writeRaw());
  }
}
