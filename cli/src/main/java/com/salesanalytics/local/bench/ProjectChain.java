package com.salesanalytics.local.bench;

import com.salesanalytics.io.SalesRows;
import com.salesanalytics.logic.CleanResult;
import com.salesanalytics.logic.Rejection;
import com.salesanalytics.model.RawMessage;
import org.joda.time.Instant;

/**
 * The project's clean chain as the pipeline runs it: {@link CleanResult#of} (SaleParser, then
 * SaleTotals: what ParseSales does per message) and then the row the warehouse writes
 * ({@link SalesRows#cleaned}: what both sinks do per sale).
 */
final class ProjectChain {
  private ProjectChain() {}

  static ChainOutcome clean(RawMessage message, Instant processedAt) {
    CleanResult result = CleanResult.of(message);
    if (result instanceof CleanResult.Clean clean) {
      return new ChainOutcome.Row(SalesRows.cleaned(clean.sale(), processedAt));
    }
    Rejection rejection = ((CleanResult.Rejected) result).rejection();
    return new ChainOutcome.Refused(rejection.code(), rejection.message());
  }
}
