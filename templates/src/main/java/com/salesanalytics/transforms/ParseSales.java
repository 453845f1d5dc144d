package com.salesanalytics.transforms;

import com.salesanalytics.logic.ParseResult;
import com.salesanalytics.logic.Rejection;
import com.salesanalytics.logic.SaleParser;
import com.salesanalytics.logic.SaleTotals;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import com.salesanalytics.model.coders.DeadLetterCoder;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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

  @Override
  public PCollectionTuple expand(PCollection<RawMessage> messages) {
    PCollectionTuple out =
        messages.apply(
            "ParseValidateTotal",
            ParDo.of(new ParseFn()).withOutputTags(SALES, TupleTagList.of(DEAD_LETTERS)));
    out.get(SALES).setCoder(CleanedSaleCoder.of());
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.of());
    return out;
  }

  static DeadLetter deadLetter(RawMessage message, Rejection rejection, Instant failedAt) {
    return new DeadLetter(
        message.payload(), rejection.code(), rejection.message(), rejection.stage(),
        message.messageId(), failedAt);
  }

  private static class ParseFn extends DoFn<RawMessage, CleanedSale> {
    private final Counter eventsIn = SalesMetrics.counter(SalesMetrics.EVENTS_IN);
    private final Counter valid = SalesMetrics.counter(SalesMetrics.VALID);
    private final Counter invalid = SalesMetrics.counter(SalesMetrics.INVALID);
    private final Map<ErrorCode, Counter> invalidByCode = SalesMetrics.invalidByCode();

    @ProcessElement
    public void process(@Element RawMessage message, MultiOutputReceiver out) {
      eventsIn.inc();
      ParseResult result = SaleParser.parse(message.payload());
      if (result instanceof ParseResult.Valid ok) {
        valid.inc();
        out.get(SALES).output(SaleTotals.of(ok.sale()));
      } else if (result instanceof ParseResult.Invalid bad) {
        invalid.inc();
        invalidByCode.get(bad.rejection().code()).inc();
        out.get(DEAD_LETTERS).output(deadLetter(message, bad.rejection(), Instant.now()));
      }
    }
  }
}
