package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.BackfillWrite;
import com.salesanalytics.io.RefusedRows;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.DeadLetterReplay;
import com.salesanalytics.model.DeadLetterSelection;
import com.salesanalytics.model.PipelineHealth;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.SaleLine;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import com.salesanalytics.model.coders.DeadLetterCoder;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.transforms.SalesMetrics;
import com.salesanalytics.model.coders.TimeRangeCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * The embedded warehouse: one DuckDB file with the same three tables and the same
 * {@code sales_cleaned_unique} view as BigQuery, written with the same semantics: rows are appended,
 * keyed so that a retried bundle adds nothing twice (see {@link TableWriter}).
 */
public final class DuckDbWarehouse implements Warehouse {
  /** A cleaned row the table refused keeps the id and publish time of the message it came from. */
  private static final WriteRowsFn.RefusedRow<CleanedSale> REFUSED_SALE =
      (sale, row, reason, at) -> RefusedRows.cleaned(row, sale.messageId(), sale.publishTime(), reason, at);

  /** How the pipelines write sales_cleaned (and a backfill its staging table of the same layout). */
  private static final TableWriter.ToColumns<CleanedSale> CLEANED_COLUMNS = SalesRows::cleanedValues;

  private final String path;

  /**
   * A writer of sales_cleaned as the pipelines write it (in batches of {@link TableWriter#BATCH_ROWS});
   * the caller closes it. For measurements and tools that write outside a pipeline.
   */
  public static TableWriter<CleanedSale> salesCleanedWriter(DuckDbDatabase db) throws java.sql.SQLException {
    return new TableWriter<>(db, SalesTable.CLEANED, SalesTable.CLEANED.tableName(), CLEANED_COLUMNS);
  }

  public DuckDbWarehouse(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  @Override
  public PTransform<PCollection<RawMessage>, PCollection<DeadLetter>> writeRaw() {
    return write(new WriteRowsFn<RawMessage>(path, SalesTable.RAW, SalesRows::rawValues,
        (message, row, reason, at) -> RefusedRows.raw(message, reason, at), SalesMetrics.RAW_WRITTEN));
  }

  @Override
  public PTransform<PCollection<CleanedSale>, PCollection<DeadLetter>> writeCleaned() {
    return write(new WriteRowsFn<CleanedSale>(path, SalesTable.CLEANED, CLEANED_COLUMNS, REFUSED_SALE,
        SalesMetrics.CLEANED_WRITTEN));
  }

  /**
   * Writes the backfill into its own staging table (named for the range and this run, so a crashed
   * run's leftovers are never read), then, once every row is there, replaces the range
   * ({@link ReplaceRangeFn}).
   */
  @Override
  public PTransform<PCollection<CleanedSale>, BackfillWrite> replaceCleaned(@Nullable TimeRange publishRange) {
    String staging = BackfillReplace.stagingTableName(SalesTable.CLEANED.tableName(), publishRange) + "_"
        + UUID.randomUUID().toString().replace("-", "");
    WriteRowsFn<CleanedSale> stage = new WriteRowsFn<>(path, SalesTable.CLEANED, staging, CLEANED_COLUMNS,
        REFUSED_SALE, SalesMetrics.CLEANED_WRITTEN);
    return new PTransform<>() {
      @Override
      public BackfillWrite expand(PCollection<CleanedSale> sales) {
        PCollection<DeadLetter> refused = sales.apply("StageBackfill", new BundleWrite<>(stage));
        PCollection<Void> replaced = sales.getPipeline()
            .apply("ReplaceOnce", Create.of(staging))
            .apply("AfterEveryRowIsStaged", Wait.on(refused))
            .apply("ReplaceRangeInSalesCleaned", ParDo.of(new ReplaceRangeFn(path, publishRange)))
            .setCoder(VoidCoder.of());
        return BackfillWrite.of(refused, replaced);
      }
    };
  }

  /** Line rows are keyed by delivery and line here, so the ordinary write already adds each once. */
  @Override
  public PTransform<PCollection<SaleLine>, BackfillWrite> addLineItems(@Nullable TimeRange publishRange) {
    PTransform<PCollection<SaleLine>, PCollection<DeadLetter>> write = writeLineItems();
    return new PTransform<>() {
      @Override
      public BackfillWrite expand(PCollection<SaleLine> lines) {
        PCollection<DeadLetter> refused = lines.apply("AppendLines", write);
        return BackfillWrite.of(refused, refused);
      }
    };
  }

  /**
   * A backfill reads its sales back an hour of event time at a time, each hour on its own, so that
   * the reads run side by side and their sales flow on in parts (a day read in one query was one
   * bundle of a million sales).
   */
  static final Duration READ_BACK_PIECE = Duration.standardHours(1);

  /** The range cut at every {@code length} from its start. */
  static List<TimeRange> pieces(TimeRange range, Duration length) {
    List<TimeRange> pieces = new ArrayList<>();
    for (Instant from = range.from(); from.isBefore(range.to()); from = from.plus(length)) {
      Instant to = from.plus(length);
      pieces.add(new TimeRange(from, to.isBefore(range.to()) ? to : range.to()));
    }
    return pieces;
  }

  @Override
  public PTransform<PCollection<TimeRange>, PCollection<CleanedSale>> readUniqueSales() {
    return new PTransform<>() {
      @Override
      public PCollection<CleanedSale> expand(PCollection<TimeRange> ranges) {
        return ranges
            .apply("InPieces", FlatMapElements.into(TypeDescriptor.of(TimeRange.class))
                .via((TimeRange range) -> pieces(range, READ_BACK_PIECE)))
            .setCoder(TimeRangeCoder.of())
            .apply("KeyByStart", WithKeys.of((TimeRange piece) -> piece.from().getMillis())
                .withKeyType(TypeDescriptors.longs()))
            .apply("EachPieceApart", Reshuffle.of())
            .apply("Pieces", Values.create())
            .apply("QueryUniqueSales", ParDo.of(new ReadUniqueSalesFn(path)))
            .setCoder(CleanedSaleCoder.of());
      }
    };
  }

  @Override
  public PTransform<PCollection<DeadLetter>, PDone> writeDeadLetters() {
    return lastResort(new WriteRowsFn<>(path, SalesTable.DEAD_LETTER,
        (letter, at) -> SalesTable.DEAD_LETTER.values(SalesRows.deadLetter(letter)), null,
        SalesMetrics.DEAD_LETTERS_WRITTEN));
  }

  /** A write with nowhere else to put a refused row: a refusal fails the bundle (see {@link WriteRowsFn}). */
  private static <T> PTransform<PCollection<T>, PDone> lastResort(WriteRowsFn<T> fn) {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<T> values) {
        values.apply("AppendToDuckDb", new BundleWrite<>(fn));
        return PDone.in(values.getPipeline());
      }
    };
  }

  @Override
  public PTransform<PCollection<SaleLine>, PCollection<DeadLetter>> writeLineItems() {
    return write(new WriteRowsFn<SaleLine>(path, SalesTable.LINE_ITEMS, SalesRows::lineValues,
        (line, row, reason, at) -> RefusedRows.derived(SalesTable.LINE_ITEMS, row, line.messageId(),
            line.publishTime(), reason, at), SalesMetrics.LINE_ITEMS_WRITTEN));
  }

  @Override
  public PTransform<PCollection<StoreKpi>, PCollection<DeadLetter>> writeStoreKpis() {
    return writeResults(SalesTable.STORE_KPIS, (kpi, at) -> SalesTable.STORE_KPIS.values(SalesRows.storeKpi(kpi)),
        SalesMetrics.KPIS_WRITTEN);
  }

  @Override
  public PTransform<PCollection<PipelineHealth>, PCollection<DeadLetter>> writeHealth() {
    return writeResults(SalesTable.PIPELINE_HEALTH,
        (health, at) -> SalesTable.PIPELINE_HEALTH.values(SalesRows.health(health)),
        SalesMetrics.HEALTH_WRITTEN);
  }

  /** A result table: its rows come from no single message, so a refused one names none. */
  private <T> PTransform<PCollection<T>, PCollection<DeadLetter>> writeResults(SalesTable table,
      TableWriter.ToColumns<T> toColumns, String writtenCounter) {
    return write(new WriteRowsFn<T>(path, table, toColumns,
        (value, row, reason, at) -> RefusedRows.derived(table, row, null, null, reason, at), writtenCounter));
  }

  /** Dead letters are keyed by their id here, so the ordinary write already records each once. */
  @Override
  public PTransform<PCollection<DeadLetter>, PDone> writeBackfillDeadLetters(@Nullable TimeRange publishRange) {
    return writeDeadLetters();
  }

  @Override
  public PTransform<PBegin, PCollection<RawMessage>> readRaw(TimeRange range) {
    return new PTransform<>() {
      @Override
      public PCollection<RawMessage> expand(PBegin begin) {
        return begin
            .apply(Impulse.create())
            .apply("PlanParts", ParDo.of(new ReadRawFn.PlanPiecesFn(path, range)))
            .setCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()))
            .apply("EachPartApart", Reshuffle.of())
            .apply("QuerySalesRaw", ParDo.of(new ReadRawFn(path, range)))
            .setCoder(RawMessageCoder.of());
      }
    };
  }

  @Override
  public PTransform<PBegin, PCollection<KV<String, RawMessage>>> readDeadLettersToReplay(
      DeadLetterSelection selection) {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, RawMessage>> expand(PBegin begin) {
        return begin
            .apply(Impulse.create())
            .apply("QueryDeadLetters", ParDo.of(new ReadDeadLettersToReplayFn(path, selection)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RawMessageCoder.of()));
      }
    };
  }

  /** Replay rows are keyed by attempt id here, so the ordinary write already adds each once. */
  @Override
  public PTransform<PCollection<DeadLetterReplay>, PDone> recordReplays() {
    return lastResort(new WriteRowsFn<>(path, SalesTable.DEAD_LETTER_REPLAYS,
        (replay, at) -> SalesTable.DEAD_LETTER_REPLAYS.values(SalesRows.deadLetterReplay(replay)), null,
        SalesMetrics.REPLAYS_RECORDED));
  }

  private static <T> PTransform<PCollection<T>, PCollection<DeadLetter>> write(WriteRowsFn<T> fn) {
    return new BundleWrite<>(fn);
  }

  private static final class BundleWrite<T> extends PTransform<PCollection<T>, PCollection<DeadLetter>> {
    private final WriteRowsFn<T> fn;

    BundleWrite(WriteRowsFn<T> fn) {
      this.fn = fn;
    }

    @Override
    public PCollection<DeadLetter> expand(PCollection<T> values) {
      return values.apply("AppendToDuckDb", ParDo.of(fn)).setCoder(DeadLetterCoder.of());
    }
  }
}
