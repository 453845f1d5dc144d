package com.salesanalytics.transforms;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.RawMessage;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * The clean logic every pipeline shares: parse and validate, compute totals, then keep one sale
 * per transaction. Outputs {@link #SALES} (unique, valid), {@link #DEAD_LETTERS} and {@link #DUPLICATES}.
 */
public class CleanSales extends PTransform<PCollection<RawMessage>, PCollectionTuple> {
  public static final TupleTag<CleanedSale> SALES = ParseSales.SALES;
  public static final TupleTag<DeadLetter> DEAD_LETTERS = ParseSales.DEAD_LETTERS;
  /** Copies of sales already seen (streaming; see {@link DedupeByTransactionId#DUPLICATES}). */
  public static final TupleTag<CleanedSale> DUPLICATES = DedupeByTransactionId.DUPLICATES;

  private final DedupeByTransactionId dedupe;

  private CleanSales(DedupeByTransactionId dedupe) {
    this.dedupe = dedupe;
  }

  /** For unbounded input: duplicates are recognised within {@code dedupeWindow} of each other. */
  public static CleanSales streaming(Duration dedupeWindow, DedupeKeys keys) {
    return new CleanSales(DedupeByTransactionId.within(dedupeWindow, keys));
  }

  /** For bounded input (backfill): one row per transaction over the whole input. */
  public static CleanSales wholeInput(DedupeKeys keys) {
    return new CleanSales(DedupeByTransactionId.acrossWholeInput(keys));
  }

  @Override
  public PCollectionTuple expand(PCollection<RawMessage> messages) {
    PCollectionTuple parsed = messages.apply("ParseSales", new ParseSales());
    PCollectionTuple deduped = parsed.get(SALES).apply("DedupeByTransactionId", dedupe);
    return PCollectionTuple.of(SALES, deduped.get(DedupeByTransactionId.UNIQUE))
        .and(DEAD_LETTERS, parsed.get(DEAD_LETTERS))
        .and(DUPLICATES, deduped.get(DedupeByTransactionId.DUPLICATES));
  }
}
