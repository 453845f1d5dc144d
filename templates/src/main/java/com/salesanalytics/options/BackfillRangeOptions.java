package com.salesanalytics.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The slice of sales_raw a backfill replays. */
public interface BackfillRangeOptions extends PipelineOptions {
  @TemplateParameter(label = "From (publish time, inclusive)", regexes = OptionChecks.INSTANT_REGEX,
      example = "2026-11-23", counterexample = "yesterday")
  @Description("Start (inclusive) of the publish_time range of sales_raw to replay: an RFC 3339"
      + " timestamp (2026-11-23T00:00:00Z), a UTC date (2026-11-23), or a day relative to the launch"
      + " (today-1d: yesterday's UTC midnight), for schedules.")
  String getFrom();

  void setFrom(String value);

  @TemplateParameter(label = "To (publish time, exclusive)", regexes = OptionChecks.INSTANT_REGEX,
      example = "2026-11-24", counterexample = "24/11/2026")
  @Description("End (exclusive) of the publish_time range: an RFC 3339 timestamp, a UTC date"
      + " (2026-11-24 means up to midnight starting that day) or a relative day (today).")
  String getTo();

  void setTo(String value);
}
