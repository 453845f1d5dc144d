package com.salesanalytics.io;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.DeadLetterReplay;
import com.salesanalytics.model.DeadLetterSelection;
import com.salesanalytics.model.PipelineHealth;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.SaleLine;
import com.salesanalytics.model.StoreKpi;
import com.salesanalytics.model.TimeRange;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PDone;

/**
 * Where the pipelines keep their tables: BigQuery on Google Cloud, DuckDB on the embedded default.
 * Every write returns the rows the warehouse refused, as dead letters of stage {@code write}.
 */
public interface Warehouse extends Serializable {

  /** Appends every message to {@code sales_raw}. */
  PTransform<PCollection<RawMessage>, PCollection<DeadLetter>> writeRaw();

  /** Appends streaming results to {@code sales_cleaned}, one row per delivery (message id). */
  PTransform<PCollection<CleanedSale>, PCollection<DeadLetter>> writeCleaned();

  /**
   * Writes a backfill's results (one row per transaction_id) in place of what {@code sales_cleaned}
   * holds for those sales, as {@link BackfillReplace} describes: running the same backfill again
   * changes nothing. {@code publishRange}: the range of {@code sales_raw} replayed, or null for files.
   */
  PTransform<PCollection<CleanedSale>, BackfillWrite> replaceCleaned(@Nullable TimeRange publishRange);

  /**
   * Adds a backfill's sale lines to {@code sales_line_items} unless the delivery's line is there
   * already (streaming wrote it, or an earlier run): a re-run adds none.
   */
  PTransform<PCollection<SaleLine>, BackfillWrite> addLineItems(@Nullable TimeRange publishRange);

  /**
   * Reads back, for each event-time range, the sales of {@code sales_cleaned_unique} in it with
   * their lines from {@code sales_line_items_unique}: what the warehouse now holds, one per sale.
   */
  PTransform<PCollection<TimeRange>, PCollection<CleanedSale>> readUniqueSales();

  PTransform<PCollection<DeadLetter>, PDone> writeDeadLetters();

  /** Appends sale lines to {@code sales_line_items}, one row per delivery and line, like writeCleaned. */
  PTransform<PCollection<SaleLine>, PCollection<DeadLetter>> writeLineItems();

  /** Keeps the latest result per store, window and currency in {@code sales_store_kpis}. */
  PTransform<PCollection<StoreKpi>, PCollection<DeadLetter>> writeStoreKpis();

  /** Keeps the latest result per window in {@code sales_pipeline_health}. */
  PTransform<PCollection<PipelineHealth>, PCollection<DeadLetter>> writeHealth();

  /**
   * Records a backfill's dead letters unless the same failure of the same message is recorded
   * already (by streaming, or by an earlier run of the backfill): a re-run adds none.
   */
  PTransform<PCollection<DeadLetter>, PDone> writeBackfillDeadLetters(@Nullable TimeRange publishRange);

  /**
   * The messages of the selected dead letters that no replay has passed yet, keyed by dead-letter
   * id, each stamped with its publish time, as {@link DeadLetterReplayQuery} finds them; a dead
   * letter with no message to re-run is left out (and stays as it is).
   */
  PTransform<PBegin, PCollection<KV<String, RawMessage>>> readDeadLettersToReplay(DeadLetterSelection selection);

  /**
   * Records replay outcomes in {@code sales_dead_letter_replays} unless the dead letter already has
   * that outcome: replaying again adds none.
   */
  PTransform<PCollection<DeadLetterReplay>, PDone> recordReplays();

  /** The {@code sales_raw} rows whose {@code publish_time} lies in the range. */
  PTransform<PBegin, PCollection<RawMessage>> readRaw(TimeRange range);
}
