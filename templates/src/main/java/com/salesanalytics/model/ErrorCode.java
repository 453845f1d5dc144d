package com.salesanalytics.model;

/** Why an event was rejected. The names are the values of {@code sales_dead_letter.error_code}. */
public enum ErrorCode {
  /** The payload is not UTF-8, not JSON, or not a JSON object. */
  INVALID_JSON,
  /** A required field is absent, null, or a blank string. */
  MISSING_FIELD,
  /** A field that has no more specific code holds the wrong JSON type (e.g. a number as store_id). */
  INVALID_FIELD,
  /** {@code timestamp} is not an RFC 3339 date-time with an offset or Z. */
  INVALID_TIMESTAMP,
  /** {@code items} is an empty array. */
  EMPTY_ITEMS,
  /** An item's quantity is not an integer in range. */
  INVALID_QUANTITY,
  /** An item's unit price is not a non-negative decimal in range. */
  INVALID_PRICE,
  /** {@code currency} is not three upper-case letters. */
  INVALID_CURRENCY,
  /** The warehouse refused the row (stage {@code write}). */
  WRITE_FAILED,
  /**
   * The pipeline itself failed on this one element (a bug, not bad input): the exception's class
   * and message are kept so the element is not lost and the bundle is not retried forever.
   */
  INTERNAL_ERROR
}
