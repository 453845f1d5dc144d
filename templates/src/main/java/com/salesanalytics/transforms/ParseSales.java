package com.salesanalytics.transforms;

import com.salesanalytics.logic.CleanResult;
import com.salesanalytics.logic.Rejection;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import com.salesanalytics.model.coders.DeadLetterCoder;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Parses, validates and totals each message. Two outputs: {@link #SALES} for valid sales and
 * {@link #DEAD_LETTERS} for everything else, each dead letter keeping the original bytes.
 */
public class ParseSales extends PTransform<PCollection<RawMessage>, PCollectionTuple> {
  public static final TupleTag<CleanedSale> SALES = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};
  static final String STEP = "ParseValidateTotal";

  private final SerializableFunction<RawMessage, CleanResult> clean;

  public ParseSales() {
    this(CleanResult::of);
  }

  /** With another cleaning function; the step's guarantees (never throws, counts) stay the same. */
  ParseSales(SerializableFunction<RawMessage, CleanResult> clean) {
    this.clean = clean;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawMessage> messages) {
    PCollectionTuple out =
        messages.apply(STEP, ParDo.of(new ParseFn(clean)).withOutputTags(SALES, TupleTagList.of(DEAD_LETTERS)));
    out.get(SALES).setCoder(CleanedSaleCoder.of());
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.of());
    return out;
  }

  static DeadLetter deadLetter(RawMessage message, Rejection rejection, Instant failedAt) {
    return DeadLetter.of(message, rejection.code(), rejection.message(), rejection.stage(), failedAt);
  }

  private static class ParseFn extends DoFn<RawMessage, CleanedSale> {
    private final SerializableFunction<RawMessage, CleanResult> clean;
    private final Counter eventsIn = SalesMetrics.counter(SalesMetrics.EVENTS_IN);
    private final Counter valid = SalesMetrics.counter(SalesMetrics.VALID);
    private final Counter invalid = SalesMetrics.counter(SalesMetrics.INVALID);
    private final Map<ErrorCode, Counter> invalidByCode = SalesMetrics.invalidByCode();

    ParseFn(SerializableFunction<RawMessage, CleanResult> clean) {
      this.clean = clean;
    }

    @ProcessElement
    public void process(@Element RawMessage message, MultiOutputReceiver out) {
      eventsIn.inc();
      CleanResult result = cleanOrExplain(message);
      if (result instanceof CleanResult.Clean ok) {
        valid.inc();
        out.get(SALES).output(ok.sale());
      } else if (result instanceof CleanResult.Rejected bad) {
        invalid.inc();
        invalidByCode.get(bad.rejection().code()).inc();
        out.get(DEAD_LETTERS).output(deadLetter(message, bad.rejection(), Instant.now()));
      }
    }

    /**
     * An exception here would fail the bundle: a batch job would stop and a streaming job would
     * retry the same message forever. So whatever one payload provokes becomes its dead letter.
     * (StackOverflowError too: it is per element; other errors such as OutOfMemoryError are not.)
     */
    private CleanResult cleanOrExplain(RawMessage message) {
      try {
        return clean.apply(message);
      } catch (RuntimeException | StackOverflowError e) {
        return new CleanResult.Rejected(Rejection.internal(Stage.VALIDATE, STEP, e));
      }
    }
  }
}
