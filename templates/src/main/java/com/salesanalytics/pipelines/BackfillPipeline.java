package com.salesanalytics.pipelines;

import com.salesanalytics.io.BackfillWrite;
import com.salesanalytics.io.JsonLinesSource;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.options.BackfillRangeOptions;
import com.salesanalytics.options.DedupeShardOptions;
import com.salesanalytics.options.FileInputOptions;
import com.salesanalytics.options.KpiWindowOptions;
import com.salesanalytics.options.LocalProgressOptions;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.WarehouseOptions;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import com.salesanalytics.transforms.RecomputeStoreKpis;
import com.salesanalytics.transforms.TouchedWindows;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;
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
 * [--from, --to) (or JSON-lines files) through the same clean logic into {@code sales_cleaned} and
 * {@code sales_line_items}, and recomputes the store KPIs of the windows its sales fall in. Safe to
 * re-run: a second run changes no sale, line or KPI value.
 */
public final class BackfillPipeline {
  static final String SUMMARY = "Replays sales_raw for a publish-time range (or JSON-lines files) into"
      + " sales_cleaned and sales_line_items and recomputes the store KPIs of its windows; re-runnable without"
      + " duplicates.";

  /**
   * The Flex Template's parameters: what Dataflow offers (no local files or DuckDB), with the
   * template's required ones marked so.
   */
  public interface TemplateOptions extends BigQueryDatasetOptions, BackfillRangeOptions, KpiWindowOptions {
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
  public interface Options extends WarehouseOptions, BackfillRangeOptions, FileInputOptions, DedupeShardOptions,
      KpiWindowOptions, LocalProgressOptions {}

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
    DedupeKeys keys = StreamCleanPipeline.dedupeKeys(options);
    RecomputeStoreKpis recomputeKpis = RecomputeStoreKpis.keyedLike(kpiWindow(options), keys);
    // The files last, once every option is known good: opening the database may create it.
    Inputs.checkFiles(options);
    Warehouses.open(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, source, warehouse, CleanSales.wholeInput(keys), range, recomputeKpis);
    return pipeline;
  }

  /** The length of the KPI windows the backfill recomputes: the streaming pipeline's. */
  static Duration kpiWindow(KpiWindowOptions options) {
    return Duration.standardMinutes(OptionChecks.positive("kpiWindowMinutes", options.getKpiWindowMinutes()));
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

  /**
   * Cleans the messages; replaces their sales in sales_cleaned and adds their lines; then, once
   * both are applied, reads back every unique sale of the KPI windows those sales fall in and
   * writes those windows' KPIs anew (a window holds sales from outside the range too, so the
   * result is computed from the warehouse, not from the range alone).
   */
  static void build(Pipeline pipeline, PTransform<PBegin, PCollection<RawMessage>> source, Warehouse warehouse,
      CleanSales cleanSales, @Nullable TimeRange range, RecomputeStoreKpis recomputeKpis) {
    cleanAgain(pipeline.apply("ReadMessages", source), warehouse, cleanSales, range, recomputeKpis)
        .deadLetters()
        .apply("WriteDeadLetters", warehouse.writeBackfillDeadLetters(range));
  }

  /**
   * What {@link #cleanAgain} gave: every dead letter of the messages (rejected, or a row the
   * warehouse refused), and two collections complete only once sales_cleaned and sales_line_items
   * hold the result (for {@code Wait.on}).
   */
  record CleanedAgain(PCollection<DeadLetter> deadLetters, PCollection<?> salesApplied, PCollection<?> linesApplied) {}

  /**
   * The backfill's work on messages read by a step of the caller's ({@link #build}, or a dead-letter
   * replay), but for the messages' dead letters, which the caller records as it sees fit.
   */
  static CleanedAgain cleanAgain(PCollection<RawMessage> messages, Warehouse warehouse, CleanSales cleanSales,
      @Nullable TimeRange range, RecomputeStoreKpis recomputeKpis) {
    PCollectionTuple cleaned = messages.apply("CleanSales", cleanSales);
    PCollection<CleanedSale> sales = cleaned.get(CleanSales.SALES);
    BackfillWrite replaced = sales.apply("ReplaceSalesCleaned", warehouse.replaceCleaned(range));
    BackfillWrite lines = StreamCleanPipeline.saleLines(sales).apply("AddLineItems", warehouse.addLineItems(range));
    PCollection<DeadLetter> deadLetters = PCollectionList.of(cleaned.get(CleanSales.DEAD_LETTERS))
        .and(replaced.refused()).and(lines.refused())
        .apply("AllDeadLetters", Flatten.pCollections());
    // Apart from the messages' dead letters, so that those are recorded even if the read-back fails.
    sales
        .apply("TouchedKpiWindows", new TouchedWindows(recomputeKpis.windowLength()))
        .apply("OnceSalesAndLinesAreApplied", Wait.on(replaced.applied(), lines.applied()))
        .apply("ReadUniqueSales", warehouse.readUniqueSales())
        .apply("RecomputeStoreKpis", recomputeKpis)
        .apply("WriteStoreKpis", warehouse.writeStoreKpis())
        .apply("WriteRefusedKpis", warehouse.writeDeadLetters());
    return new CleanedAgain(deadLetters, replaced.applied(), lines.applied());
  }
}
