package com.salesanalytics.pipelines;

import com.salesanalytics.io.JsonLinesSource;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.options.BackfillRangeOptions;
import com.salesanalytics.options.DedupeShardOptions;
import com.salesanalytics.options.FileInputOptions;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.WarehouseOptions;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.options.BigQueryDatasetOptions;
import org.apache.beam.sdk.options.Validation;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateLauncher;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Template {@code sales-backfill}: replays {@code sales_raw} rows whose publish_time lies in
 * [--from, --to) (or JSON-lines files) through the same clean logic into {@code sales_cleaned}.
 * Safe to re-run: rows are upserted by transaction_id, so a second run changes nothing.
 */
public final class BackfillPipeline {
  static final String SUMMARY = "Replays sales_raw for a publish-time range (or JSON-lines files) into"
      + " sales_cleaned; re-runnable without duplicates.";

  /**
   * The Flex Template's parameters: what Dataflow offers (no local files or DuckDB), with the
   * template's required ones marked so.
   */
  public interface TemplateOptions extends BigQueryDatasetOptions, BackfillRangeOptions {
    @Override
    @Validation.Required
    String getOutputDataset();

    @Override
    @Validation.Required
    String getFrom();

    @Override
    @Validation.Required
    String getTo();
  }

  /** Options of the backfill template. */
  public interface Options extends WarehouseOptions, BackfillRangeOptions, FileInputOptions, DedupeShardOptions {}

  private BackfillPipeline() {}

  /** The Flex Template entry point: template parameters only, checked against the metadata's rules. */
  public static void main(String[] args) {
    System.exit(Cli.run(a -> TemplateLauncher.launch(SalesTemplate.BACKFILL, a), args));
  }

  /** Parses the arguments and runs; {@code --help} prints the options instead. */
  public static void execute(String[] args) {
    Cli.parse("backfill", SUMMARY, args, Options.class).ifPresent(BackfillPipeline::run);
  }

  public static PipelineResult run(Options options) {
    return Runs.run("backfill", create(options), () -> Warehouses.release(options));
  }

  /** The pipeline the options describe, built and not yet run. */
  public static Pipeline create(Options options) {
    Warehouse warehouse = Warehouses.from(options);
    TimeRange range = range(options);
    PTransform<PBegin, PCollection<RawMessage>> source = OptionChecks.isSet(options.getInputFilePattern())
        ? new JsonLinesSource(options.getInputFilePattern())
        : warehouse.readRaw(range);
    CleanSales cleanSales = CleanSales.wholeInput(StreamCleanPipeline.dedupeKeys(options));
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, source, warehouse, cleanSales, range);
    return pipeline;
  }

  /**
   * The publish-time range of sales_raw to replay, or null for files: their whole input is
   * replayed, and --from/--to are not accepted, since files have no publish_time to select on.
   */
  static @Nullable TimeRange range(Options options) {
    if (OptionChecks.isSet(options.getInputFilePattern())) {
      if (OptionChecks.isSet(options.getFrom()) || OptionChecks.isSet(options.getTo())) {
        throw OptionChecks.invalid("from", "selects rows of sales_raw and cannot be combined with --inputFilePattern,"
            + " which replays whole files");
      }
      return null;
    }
    Instant from = OptionChecks.instant("from", options.getFrom());
    Instant to = OptionChecks.instant("to", options.getTo());
    if (!from.isBefore(to)) {
      throw OptionChecks.invalid("to", "must be after --from (" + from + "), got " + to);
    }
    return new TimeRange(from, to);
  }

  static void build(Pipeline pipeline, PTransform<PBegin, PCollection<RawMessage>> source, Warehouse warehouse,
      CleanSales cleanSales, @Nullable TimeRange range) {
    PCollection<RawMessage> messages = pipeline.apply("ReadMessages", source);
    StreamCleanPipeline.clean(messages, cleanSales, warehouse.replaceCleaned(range))
        .apply("WriteDeadLetters", warehouse.writeBackfillDeadLetters(range));
  }
}
