package com.salesanalytics.io;

import com.salesanalytics.model.DeadLetter;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What a backfill's write of a table gives back: the rows the warehouse refused, as dead letters,
 * and {@link #applied()}, a collection that is complete only once the table holds the write (for
 * {@code Wait.on}): a step that reads the table back must not start before.
 */
public final class BackfillWrite implements POutput {
  private static final TupleTag<DeadLetter> REFUSED = new TupleTag<>("refused");
  private static final TupleTag<Object> APPLIED = new TupleTag<>("applied");

  private final PCollection<DeadLetter> refused;
  private final PCollection<?> applied;

  private BackfillWrite(PCollection<DeadLetter> refused, PCollection<?> applied) {
    this.refused = refused;
    this.applied = applied;
  }

  public static BackfillWrite of(PCollection<DeadLetter> refused, PCollection<?> applied) {
    return new BackfillWrite(refused, applied);
  }

  public PCollection<DeadLetter> refused() {
    return refused;
  }

  public PCollection<?> applied() {
    return applied;
  }

  @Override
  public Pipeline getPipeline() {
    return refused.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(REFUSED, refused, APPLIED, applied);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
