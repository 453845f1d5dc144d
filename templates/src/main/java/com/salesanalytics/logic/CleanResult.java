package com.salesanalytics.logic;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.RawMessage;
import java.io.Serializable;

/** What cleaning one message gives: a sale with its totals, or the reason there is none. */
public sealed interface CleanResult extends Serializable {

  record Clean(CleanedSale sale) implements CleanResult {}

  record Rejected(Rejection rejection) implements CleanResult {}

  /** Parses, validates and totals one message. */
  static CleanResult of(RawMessage message) {
    ParseResult parsed = SaleParser.parse(message.payload());
    if (parsed instanceof ParseResult.Invalid invalid) {
      return new Rejected(invalid.rejection());
    }
    return new Clean(SaleTotals.of(((ParseResult.Valid) parsed).sale(), message.messageId(), message.publishTime()));
  }
}
