package com.salesanalytics.catalog;

import com.salesanalytics.pipelines.BackfillPipeline;
import com.salesanalytics.pipelines.RawIngestPipeline;
import com.salesanalytics.pipelines.ReplayDeadLettersPipeline;
import com.salesanalytics.pipelines.SimulatorPipeline;
import com.salesanalytics.pipelines.StreamCleanPipeline;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The Flex Templates this project ships: the one list that metadata, images, spec files, the
 * catalog docs and (later) CI and Terraform are derived from.
 */
public enum SalesTemplate {
  RAW_INGEST("sales-raw-ingest", "Sales raw ingest", true, RawIngestPipeline.class,
      RawIngestPipeline.TemplateOptions.class,
      "Streams every sales message from a Pub/Sub subscription into BigQuery sales_raw, untouched and with"
          + " its message id, attributes and publish time, valid or not: the audit and replay layer.",
      "Pub/Sub subscription -> ReadMessages -> WriteSalesRaw -> sales_raw; rows BigQuery refuses -> sales_dead_letter",
      options -> RawIngestPipeline.create(options.as(RawIngestPipeline.Options.class)),
      options -> RawIngestPipeline.run(options.as(RawIngestPipeline.Options.class))),
  STREAM_CLEAN("sales-stream-clean", "Sales stream clean", true, StreamCleanPipeline.class,
      StreamCleanPipeline.TemplateOptions.class,
      "Parses, validates, dedupes and totals sales transactions from a Pub/Sub subscription into BigQuery"
          + " sales_cleaned; every event that breaks the contract goes to sales_dead_letter with the reason.",
      "Pub/Sub subscription -> ReadMessages -> CleanSales (parse, validate, totals, dedupe by transaction_id)"
          + " -> WriteSalesCleaned -> sales_cleaned; rejected events and refused rows -> sales_dead_letter",
      options -> StreamCleanPipeline.create(options.as(StreamCleanPipeline.Options.class)),
      options -> StreamCleanPipeline.run(options.as(StreamCleanPipeline.Options.class))),
  BACKFILL("sales-backfill", "Sales backfill", false, BackfillPipeline.class, BackfillPipeline.TemplateOptions.class,
      "Replays the sales_raw rows whose publish time lies in [from, to) through the same clean logic into"
          + " sales_cleaned, replacing what the table holds for those sales, so that running it again changes nothing.",
      "sales_raw (Storage Read API, publish_time range) -> CleanSales (dedupe over the whole range)"
          + " -> staging table -> one transaction replaces the range in sales_cleaned; rejected events -> sales_dead_letter",
      options -> BackfillPipeline.create(options.as(BackfillPipeline.Options.class)),
      options -> BackfillPipeline.run(options.as(BackfillPipeline.Options.class))),
  REPLAY_DEAD_LETTERS("sales-replay-dead-letters", "Sales dead-letter replay", false, ReplayDeadLettersPipeline.class,
      ReplayDeadLettersPipeline.TemplateOptions.class,
      "Re-runs the messages of the dead letters selected by error code and failed_at range through the same clean"
          + " logic: those that now pass reach sales_cleaned (and the KPIs of their windows), every outcome is recorded"
          + " in sales_dead_letter_replays, so that running it again changes nothing.",
      "sales_dead_letter (error codes, failed_at range; not yet passed) + sales_raw by message id (query job)"
          + " -> CleanSales -> staging table -> one transaction replaces those sales in sales_cleaned;"
          + " outcomes -> sales_dead_letter_replays",
      options -> ReplayDeadLettersPipeline.create(options.as(ReplayDeadLettersPipeline.Options.class)),
      options -> ReplayDeadLettersPipeline.run(options.as(ReplayDeadLettersPipeline.Options.class))),
  SIMULATOR("sales-simulator", "Sales simulator", true, SimulatorPipeline.class, SimulatorPipeline.TemplateOptions.class,
      "Publishes realistic, seeded sales transactions to a Pub/Sub topic at a steady rate, with chosen shares"
          + " of invalid, duplicate and late events: load tests and demos in a real project.",
      "rate-limited index stream -> SimulateSales (stores, customers, Zipf products, daily rhythm)"
          + " -> PublishToPubsub -> Pub/Sub topic",
      options -> SimulatorPipeline.create(options.as(SimulatorPipeline.Options.class)),
      options -> SimulatorPipeline.run(options.as(SimulatorPipeline.Options.class)));

  private final String id;
  private final String displayName;
  private final boolean streaming;
  private final Class<?> mainClass;
  private final Class<? extends PipelineOptions> optionsInterface;
  private final String description;
  private final String dataFlow;
  private final Function<PipelineOptions, Pipeline> create;
  private final Consumer<PipelineOptions> run;

  SalesTemplate(String id, String displayName, boolean streaming, Class<?> mainClass,
      Class<? extends PipelineOptions> optionsInterface, String description, String dataFlow,
      Function<PipelineOptions, Pipeline> create, Consumer<PipelineOptions> run) {
    this.id = id;
    this.displayName = displayName;
    this.streaming = streaming;
    this.mainClass = mainClass;
    this.optionsInterface = optionsInterface;
    this.description = description;
    this.dataFlow = dataFlow;
    this.create = create;
    this.run = run;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public boolean streaming() {
    return streaming;
  }

  /** What FLEX_TEMPLATE_JAVA_MAIN_CLASS names in the template's image. */
  public Class<?> mainClass() {
    return mainClass;
  }

  public Class<? extends PipelineOptions> optionsInterface() {
    return optionsInterface;
  }

  public String description() {
    return description;
  }

  public String dataFlow() {
    return dataFlow;
  }

  /** The template's pipeline for these options (its own options interface or a wider one), built and not run. */
  public Pipeline create(PipelineOptions options) {
    return create.apply(options);
  }

  void run(PipelineOptions options) {
    run.accept(options);
  }

  public static SalesTemplate byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown template '" + id + "'; the templates are "
            + String.join(", ", Arrays.stream(values()).map(SalesTemplate::id).toList())));
  }
}
