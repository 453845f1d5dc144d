package com.salesanalytics.logic;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;
import org.joda.time.Instant;

/**
 * The oracle of Rfc3339: its implementation as it was, on java.time's formatter, kept unchanged so
 * that tests can hold the hand-written reader to exactly the instants and refusals this one gives.
 */
final class FormatterRfc3339 {

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  /** BigQuery TIMESTAMP's range (UTC): 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z. */
  private static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");
  private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59.999999999Z");

  private FormatterRfc3339() {}

  /**
   * The instant, truncated to milliseconds (Beam's and Joda's precision), or empty if malformed or
   * outside what BigQuery TIMESTAMP can hold (RFC 3339 itself allows year 0000).
   */
  static Optional<Instant> parse(String text) {
    try {
      java.time.Instant parsed = OffsetDateTime.parse(text, FORMAT).toInstant();
      if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
        return Optional.empty();
      }
      return Optional.of(new Instant(parsed.toEpochMilli()));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
