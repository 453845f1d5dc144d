package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Which dead letters a replay re-runs: by error code and by when they failed. */
public interface DeadLetterSelectionOptions extends PipelineOptions {
  // The example is one code: gcloud's --parameters splits on commas (a list needs its ^~^ delimiter).
  @TemplateParameter(label = "Error codes", regexes = OptionChecks.ERROR_CODES_REGEX,
      example = "WRITE_FAILED", counterexample = "write_failed")
  @Description("The error codes of the dead letters to replay, comma-separated, as sales_dead_letter.error_code"
      + " holds them: INVALID_JSON, MISSING_FIELD, INVALID_FIELD, INVALID_TIMESTAMP, EMPTY_ITEMS, INVALID_QUANTITY,"
      + " INVALID_PRICE, INVALID_CURRENCY, WRITE_FAILED, INTERNAL_ERROR.")
  String getErrorCodes();

  void setErrorCodes(String value);

  @TemplateParameter(label = "Failed from (inclusive)", regexes = OptionChecks.INSTANT_REGEX,
      example = "2026-11-23", counterexample = "yesterday")
  @Description("Start (inclusive) of the failed_at range of the dead letters to replay: an RFC 3339 timestamp"
      + " (2026-11-23T00:00:00Z), a UTC date (2026-11-23) or a day relative to the launch (today-1d).")
  String getFailedFrom();

  void setFailedFrom(String value);

  @TemplateParameter(label = "Failed to (exclusive)", regexes = OptionChecks.INSTANT_REGEX,
      example = "2026-11-24", counterexample = "24/11/2026")
  @Description("End (exclusive) of the failed_at range: an RFC 3339 timestamp, a UTC date (2026-11-24 means up"
      + " to midnight starting that day) or a relative day (today).")
  String getFailedTo();

  void setFailedTo(String value);
}
