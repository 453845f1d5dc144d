package com.salesanalytics.local.bench;

import com.salesanalytics.model.ErrorCode;
import java.util.Map;

/**
 * What one clean chain makes of one message: the {@code sales_cleaned} row the warehouse writes, or
 * the code that refuses the message. The benchmark's three chains answer in this one form, so a
 * test can hold them to the same answers.
 */
public sealed interface ChainOutcome {

  /** The row's columns, as {@link com.salesanalytics.io.SalesRows#cleaned} names and types them. */
  record Row(Map<String, Object> columns) implements ChainOutcome {}

  /** The first rule of the contract the message breaks, and a sentence saying how. */
  record Refused(ErrorCode code, String message) implements ChainOutcome {}
}
