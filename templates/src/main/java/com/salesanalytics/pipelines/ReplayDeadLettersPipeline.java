package com.salesanalytics.pipelines;

import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateLauncher;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.DeadLetterReplay;
import com.salesanalytics.model.DeadLetterSelection;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.DeadLetterReplayCoder;
import com.salesanalytics.options.BigQueryDatasetOptions;
import com.salesanalytics.options.DeadLetterSelectionOptions;
import com.salesanalytics.options.DedupeShardOptions;
import com.salesanalytics.options.KpiWindowOptions;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.WarehouseOptions;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import com.salesanalytics.transforms.RecomputeStoreKpis;
import com.salesanalytics.transforms.SalesMetrics;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * Command {@code replay-dead-letters}: re-runs the messages of the dead letters selected by error
 * code and failure time through the backfill's clean logic and writes (sales_cleaned, line items,
 * the KPIs of the touched windows), and records per dead letter whether its message passed or
 * failed again, and why, in {@code sales_dead_letter_replays} (not as a new dead letter: a later
 * replay would select that too, and sales_dead_letter keeps the original failure). A dead letter a replay passed is
 * resolved: no later replay selects it. Running it again changes nothing (docs/operations.md).
 */
public final class ReplayDeadLettersPipeline {
  static final String SUMMARY = "Re-runs the messages of dead letters selected by error code and failed_at range"
      + " through the clean logic; those that pass reach sales_cleaned (and KPIs), every outcome is recorded in"
      + " sales_dead_letter_replays; re-runnable without duplicates.";

  /** The Flex Template's parameters: what Dataflow offers (no DuckDB), the selection required. */
  public interface TemplateOptions extends BigQueryDatasetOptions, DeadLetterSelectionOptions, KpiWindowOptions {
    @Override
    @Validation.Required
    String getOutputDataset();

    @Override
    @Validation.Required
    String getErrorCodes();

    @Override
    @Validation.Required
    String getFailedFrom();

    @Override
    @Validation.Required
    String getFailedTo();
  }

  /** Options of the replay command. */
  public interface Options extends WarehouseOptions, DeadLetterSelectionOptions, DedupeShardOptions,
      KpiWindowOptions {}

  private ReplayDeadLettersPipeline() {}

  /** The Flex Template entry point: template parameters only, checked against the metadata's rules. */
  public static void main(String[] args) {
    System.exit(Cli.run(a -> TemplateLauncher.launch(SalesTemplate.REPLAY_DEAD_LETTERS, a), args));
  }

  /** Parses the arguments and runs; {@code --help} prints the options instead. */
  public static void execute(String[] args) {
    Cli.parse("replay-dead-letters", SUMMARY, args, Options.class).ifPresent(ReplayDeadLettersPipeline::run);
  }

  public static PipelineResult run(Options options) {
    return Runs.run("replay-dead-letters", create(options), () -> Warehouses.release(options));
  }

  /** The pipeline the options describe, built and not yet run. */
  public static Pipeline create(Options options) {
    DeadLetterSelection selection = selection(options);
    Warehouse warehouse = Warehouses.from(options);
    DedupeKeys keys = StreamCleanPipeline.dedupeKeys(options);
    // The database last, once every option is known good: opening it may create it.
    Warehouses.open(options);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, warehouse.readDeadLettersToReplay(selection), warehouse, CleanSales.wholeInput(keys),
        RecomputeStoreKpis.keyedLike(BackfillPipeline.kpiWindow(options), keys));
    return pipeline;
  }

  /** The dead letters the options select; each bad value is a one-line error naming its option. */
  static DeadLetterSelection selection(DeadLetterSelectionOptions options) {
    var codes = OptionChecks.errorCodes("errorCodes", options.getErrorCodes());
    Instant from = OptionChecks.instant("failedFrom", options.getFailedFrom());
    Instant to = OptionChecks.instant("failedTo", options.getFailedTo());
    if (!from.isBefore(to)) {
      throw OptionChecks.invalid("failedTo", "must be after --failedFrom (" + from + "), got " + to);
    }
    return new DeadLetterSelection(codes, new TimeRange(from, to));
  }

  private static final TupleTag<String> SELECTED = new TupleTag<>("selected");
  private static final TupleTag<DeadLetter> FAILURES = new TupleTag<>("failures");

  /**
   * Reads the selected dead letters' messages ({@code selected}: keyed by dead-letter id), cleans and writes them as the backfill of files does
   * (no publish range: only their own sales are replaced), then, once sales_cleaned and
   * sales_line_items hold the result, records each dead letter's outcome: passed when its message
   * gave no dead letter this time, else failed with what it gave.
   */
  static void build(Pipeline pipeline, PTransform<PBegin, PCollection<KV<String, RawMessage>>> source,
      Warehouse warehouse, CleanSales cleanSales, RecomputeStoreKpis recomputeKpis) {
    PCollection<KV<String, RawMessage>> selected = pipeline.apply("ReadDeadLettersToReplay", source);
    // A message with two dead letters is read twice: the clean logic keeps one sale of it, the
    // sinks one row per dead-letter id and line, as for a message stored twice in sales_raw.
    BackfillPipeline.CleanedAgain cleaned = BackfillPipeline.cleanAgain(
        selected.apply("Messages", Values.create()), warehouse, cleanSales, null, recomputeKpis);
    PCollection<KV<String, String>> lettersByMessage = selected
        .apply("DeadLetterByMessage", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                TypeDescriptors.strings()))
            .via((KV<String, RawMessage> letter) -> KV.of(letter.getValue().messageId(), letter.getKey())))
        .apply("AfterSalesAndLinesAreApplied", Wait.on(cleaned.salesApplied(), cleaned.linesApplied()));
    PCollection<KV<String, DeadLetter>> failuresByMessage = cleaned.deadLetters()
        .apply("OfAMessage", Filter.by((DeadLetter letter) -> letter.messageId() != null))
        .apply("FailureByMessage", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                TypeDescriptor.of(DeadLetter.class)))
            .via((DeadLetter letter) -> KV.of(letter.messageId(), letter)));
    KeyedPCollectionTuple.of(SELECTED, lettersByMessage.setCoder(KvCoder.of(StringUtf8Coder.of(),
            StringUtf8Coder.of())))
        .and(FAILURES, failuresByMessage)
        .apply("PerMessage", CoGroupByKey.create())
        .apply("Outcomes", ParDo.of(new OutcomeFn()))
        .setCoder(DeadLetterReplayCoder.of())
        .apply("RecordReplays", warehouse.recordReplays());
  }

  /** Each dead letter of a message: passed if the replay gave the message no dead letter, else failed. */
  static final class OutcomeFn extends DoFn<KV<String, CoGbkResult>, DeadLetterReplay> {
    private final Counter passed = SalesMetrics.counter(SalesMetrics.REPLAYS_PASSED);
    private final Counter failed = SalesMetrics.counter(SalesMetrics.REPLAYS_FAILED);

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> message, OutputReceiver<DeadLetterReplay> out) {
      Set<String> deadLetterIds = new TreeSet<>();
      message.getValue().getAll(SELECTED).forEach(deadLetterIds::add);
      DeadLetter failure = StreamSupport.stream(message.getValue().getAll(FAILURES).spliterator(), false)
          .min(Comparator.comparing(DeadLetter::id)).orElse(null);
      Instant now = Instant.now();
      for (String id : deadLetterIds) {
        if (failure == null) {
          passed.inc();
          out.output(DeadLetterReplay.passed(id, message.getKey(), now));
        } else {
          failed.inc();
          out.output(DeadLetterReplay.failed(id, failure, now));
        }
      }
    }
  }
}
