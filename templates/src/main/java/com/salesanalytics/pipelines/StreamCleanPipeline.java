package com.salesanalytics.pipelines;

import com.salesanalytics.model.coders.SaleLineCoder;

import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.options.DedupeOptions;
import com.salesanalytics.options.DedupeShardOptions;
import com.salesanalytics.options.KpiOptions;
import com.salesanalytics.options.KpiShardOptions;
import com.salesanalytics.transforms.KpiWindowing;
import com.salesanalytics.transforms.SalesAnalytics;
import com.salesanalytics.model.SaleLine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.TypeDescriptor;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.SourceOptions;
import com.salesanalytics.options.WarehouseOptions;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import com.salesanalytics.transforms.KpiKeys;
import org.apache.beam.sdk.options.PipelineOptions;
import com.salesanalytics.options.BigQueryOutputOptions;
import com.salesanalytics.options.PubsubInputOptions;
import org.apache.beam.sdk.options.Validation;
import com.google.dataflow.v1beta3.ParameterType;
import com.salesanalytics.options.TemplateParameter;
import org.apache.beam.sdk.options.Description;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateLauncher;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;

/**
 * Template {@code sales-stream-clean}: parse, validate, dedupe and total each sale into
 * {@code sales_cleaned}; everything that fails, with its reason, into {@code sales_dead_letter}.
 */
public final class StreamCleanPipeline {
  static final String SUMMARY = "Cleans sales messages into sales_cleaned; bad ones go to sales_dead_letter.";

  /**
   * The Flex Template's parameters: what Dataflow offers (no local files or DuckDB), with the
   * template's required ones marked so.
   */
  public interface TemplateOptions extends PubsubInputOptions, BigQueryOutputOptions, DedupeOptions, KpiOptions {
    @Override
    @Validation.Required
    @TemplateParameter(label = "Input Pub/Sub subscription", type = ParameterType.PUBSUB_SUBSCRIPTION,
        regexes = OptionChecks.SUBSCRIPTION_REGEX, example = "projects/retail-analytics-prod/subscriptions/sales-stream-clean",
        counterexample = "sales-stream-clean")
    @Description("Pub/Sub subscription read by this pipeline alone, as projects/PROJECT/subscriptions/NAME (Terraform"
        + " creates sales-stream-clean): a second job on the same subscription would split its messages with this one.")
    String getInputSubscription();

    @Override
    @Validation.Required
    String getOutputDataset();
  }

  /** Options of the stream clean template. */
  public interface Options extends SourceOptions, WarehouseOptions, DedupeOptions, DedupeShardOptions, KpiOptions,
      KpiShardOptions {}

  private StreamCleanPipeline() {}

  /** The Flex Template entry point: template parameters only, checked against the metadata's rules. */
  public static void main(String[] args) {
    System.exit(Cli.run(a -> TemplateLauncher.launch(SalesTemplate.STREAM_CLEAN, a), args));
  }

  /** Parses the arguments and runs; {@code --help} prints the options instead. */
  public static void execute(String[] args) {
    Cli.parse("stream-clean", SUMMARY, args, Options.class).ifPresent(StreamCleanPipeline::run);
  }

  public static PipelineResult run(Options options) {
    return Runs.run("stream-clean", create(options), () -> Warehouses.release(options));
  }

  /** The pipeline the options describe, built and not yet run. */
  public static Pipeline create(Options options) {
    PTransform<PBegin, PCollection<RawMessage>> source = Inputs.from(options);
    SalesAnalytics analytics = analytics(options);
    Warehouse warehouse = Warehouses.from(options);
    // The files last, once every option is known good: opening the database may create it.
    Inputs.checkFiles(options);
    Warehouses.open(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, source, warehouse, analytics);
    return pipeline;
  }

  /** The streaming analytics the options describe, with state keyed for the runner they name. */
  public static <T extends DedupeOptions & KpiOptions> SalesAnalytics analytics(T options) {
    return new SalesAnalytics(cleanSales(options), kpiWindowing(options), kpiKeys(options));
  }

  /** KPI state per store wherever work is distributed; a few shards on the DirectRunner (see {@link KpiKeys}). */
  public static KpiKeys kpiKeys(PipelineOptions options) {
    if (!Runs.isLocal(options)) {
      return KpiKeys.perStore();
    }
    return KpiKeys.shards(OptionChecks.positive("kpiShards", options.as(KpiShardOptions.class).getKpiShards()));
  }

  /** The KPI windows the options describe. */
  public static KpiWindowing kpiWindowing(KpiOptions options) {
    return new KpiWindowing(
        Duration.standardMinutes(OptionChecks.positive("kpiWindowMinutes", options.getKpiWindowMinutes())),
        Duration.standardMinutes(OptionChecks.nonNegative("allowedLatenessMinutes", options.getAllowedLatenessMinutes())),
        Duration.standardSeconds(OptionChecks.positive("earlyFiringSeconds", options.getEarlyFiringSeconds())));
  }

  /** The streaming clean logic the options describe, keyed for the runner they name. */
  public static CleanSales cleanSales(DedupeOptions options) {
    Duration window = Duration.standardMinutes(
        OptionChecks.positive("dedupeWindowMinutes", options.getDedupeWindowMinutes()));
    return CleanSales.streaming(window, dedupeKeys(options));
  }

  /**
   * Dedupe state per transaction id wherever work is distributed; a few shards on the DirectRunner,
   * which pays per key (see {@link DedupeKeys}).
   */
  public static DedupeKeys dedupeKeys(PipelineOptions options) {
    if (!Runs.isLocal(options)) {
      return DedupeKeys.perTransaction();
    }
    return DedupeKeys.shards(
        OptionChecks.positive("dedupeShards", options.as(DedupeShardOptions.class).getDedupeShards()));
  }

  static void build(Pipeline pipeline, PTransform<PBegin, PCollection<RawMessage>> source, Warehouse warehouse,
      SalesAnalytics analytics) {
    PCollection<RawMessage> messages = pipeline.apply("ReadMessages", source);
    analyse(messages, analytics, warehouse).apply("WriteDeadLetters", warehouse.writeDeadLetters());
  }

  /**
   * The streaming branch shared by stream-clean and the demo: clean, compute KPIs and health, write
   * sales, their lines, the KPIs and the health rows, and return every dead letter (rejected events
   * and rows the warehouse refused) for one sink.
   */
  public static PCollection<DeadLetter> analyse(PCollection<RawMessage> messages, SalesAnalytics analytics,
      Warehouse warehouse) {
    PCollectionTuple results = messages.apply("SalesAnalytics", analytics);
    PCollection<CleanedSale> sales = results.get(SalesAnalytics.SALES);
    return PCollectionList.of(results.get(SalesAnalytics.DEAD_LETTERS))
        .and(sales.apply("WriteSalesCleaned", warehouse.writeCleaned()))
        .and(saleLines(sales).apply("WriteLineItems", warehouse.writeLineItems()))
        .and(results.get(SalesAnalytics.KPIS).apply("WriteStoreKpis", warehouse.writeStoreKpis()))
        .and(results.get(SalesAnalytics.HEALTH).apply("WritePipelineHealth", warehouse.writeHealth()))
        .apply("AllDeadLetters", Flatten.pCollections());
  }

  /** Each sale's lines, the rows of sales_line_items. */
  static PCollection<SaleLine> saleLines(PCollection<CleanedSale> sales) {
    return sales
        .apply("SaleLines", FlatMapElements.into(TypeDescriptor.of(SaleLine.class)).via(SaleLine::of))
        .setCoder(SaleLineCoder.of());
  }
}
