package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.RefusedRows;
import com.salesanalytics.io.SalesRows;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.model.coders.DeadLetterCoder;
import com.salesanalytics.model.coders.RawMessageCoder;
import com.salesanalytics.transforms.SalesMetrics;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * The embedded warehouse: one DuckDB file with the same three tables as BigQuery. Cleaned rows are
 * always upserted by transaction_id, so streaming and backfill results can meet without duplicates.
 */
public final class DuckDbWarehouse implements Warehouse {
  private final String path;

  public DuckDbWarehouse(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  @Override
  public PTransform<PCollection<RawMessage>, PCollection<DeadLetter>> writeRaw() {
    return write(new WriteRowsFn<RawMessage>(path, SalesTable.RAW, false, SalesRows::raw,
        (message, row, reason, at) -> RefusedRows.raw(message.payload(), message.messageId(), reason, at), SalesMetrics.RAW_WRITTEN));
  }

  @Override
  public PTransform<PCollection<CleanedSale>, PCollection<DeadLetter>> writeCleaned() {
    return write(new WriteRowsFn<CleanedSale>(path, SalesTable.CLEANED, true, SalesRows::cleaned,
        (sale, row, reason, at) -> RefusedRows.cleaned(row, reason, at), SalesMetrics.CLEANED_WRITTEN));
  }

  @Override
  public PTransform<PCollection<CleanedSale>, PCollection<DeadLetter>> upsertCleaned(TimeRange range) {
    return writeCleaned();
  }

  @Override
  public PTransform<PCollection<DeadLetter>, PDone> writeDeadLetters() {
    WriteRowsFn<DeadLetter> fn = new WriteRowsFn<>(path, SalesTable.DEAD_LETTER, false,
        (letter, at) -> SalesRows.deadLetter(letter), null, SalesMetrics.DEAD_LETTERS_WRITTEN);
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<DeadLetter> letters) {
        letters.apply("AppendToDuckDb", new BundleWrite<>(fn));
        return PDone.in(letters.getPipeline());
      }
    };
  }

  @Override
  public PTransform<PBegin, PCollection<RawMessage>> readRaw(TimeRange range) {
    return new PTransform<>() {
      @Override
      public PCollection<RawMessage> expand(PBegin begin) {
        return begin
            .apply(Impulse.create())
            .apply("QuerySalesRaw", ParDo.of(new ReadRawFn(path, range)))
            .setCoder(RawMessageCoder.of());
      }
    };
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
