package com.salesanalytics.options;

import com.salesanalytics.logic.Rfc3339;
import com.salesanalytics.model.ErrorCode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Checks of option values that Beam's parser cannot make. Each failure is an
 * {@link IllegalArgumentException} whose message is one line starting with the option's name.
 */
public final class OptionChecks {
  /** Pub/Sub's own rules: project ids 6-30 chars; names 3-255 chars starting with a letter. */
  public static final String SUBSCRIPTION_REGEX =
      "projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/subscriptions/[A-Za-z][A-Za-z0-9._~+%-]{2,254}";
  public static final String TOPIC_REGEX =
      "projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/topics/[A-Za-z][A-Za-z0-9._~+%-]{2,254}";
  /** An RFC 3339 timestamp with an offset, a date, or a day relative to today (UTC): today, today-1d. */
  public static final String INSTANT_REGEX =
      "\\d{4}-\\d{2}-\\d{2}(?:[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:[Zz]|[+-]\\d{2}:\\d{2}))?|today(?:-[0-9]{1,4}d)?";
  private static final Pattern RELATIVE_DAY = Pattern.compile("today(?:-([0-9]{1,4})d)?");
  /** Names of {@link ErrorCode}s, comma-separated (what {@link #errorCodes} accepts). */
  public static final String ERROR_CODES_REGEX = "[A-Z_]+(?:,[A-Z_]+)*";
  public static final String POSITIVE_INTEGER_REGEX = "[1-9][0-9]{0,8}";
  public static final String NON_NEGATIVE_INTEGER_REGEX = "0|[1-9][0-9]{0,18}";
  /** A count of minutes or seconds: 0 to 99,999,999 (an int, whatever Beam parses it into). */
  public static final String NON_NEGATIVE_SMALL_REGEX = "0|[1-9][0-9]{0,7}";
  public static final String RATIO_REGEX = "0(?:\\.[0-9]+)?|1(?:\\.0+)?|\\.[0-9]+";
  public static final String DECIMAL_REGEX = "[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+";

  public static final Pattern SUBSCRIPTION = Pattern.compile(SUBSCRIPTION_REGEX);
  public static final Pattern TOPIC = Pattern.compile(TOPIC_REGEX);

  private OptionChecks() {}

  public static IllegalArgumentException invalid(String option, String problem) {
    return new IllegalArgumentException("--" + option + ": " + problem);
  }

  public static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  /** Exactly one of two alternatives must be given. */
  public static void exactlyOne(String first, @Nullable String firstValue, String second, @Nullable String secondValue) {
    if (isSet(firstValue) == isSet(secondValue)) {
      throw invalid(first, isSet(firstValue)
          ? "cannot be combined with --" + second + "; give exactly one of them"
          : "missing: give --" + first + " or --" + second);
    }
  }

  public static String matching(String option, String value, Pattern pattern, String example) {
    if (!pattern.matcher(value).matches()) {
      throw invalid(option, "expected " + example + ", got '" + value + "'");
    }
    return value;
  }

  public static int nonNegative(String option, Integer value) {
    if (value == null || value < 0) {
      throw invalid(option, "must be a whole number of at least 0, got " + value);
    }
    return value;
  }

  public static int positive(String option, Integer value) {
    if (value == null || value < 1) {
      throw invalid(option, "must be a whole number of at least 1, got " + value);
    }
    return value;
  }

  /** A comma-separated list of error code names, each known, at least one; repeats are kept once. */
  public static List<ErrorCode> errorCodes(String option, @Nullable String value) {
    List<String> known = Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList();
    if (!isSet(value)) {
      throw invalid(option, "missing: give one or more of " + String.join(", ", known) + ", comma-separated");
    }
    Set<ErrorCode> codes = new LinkedHashSet<>();
    for (String name : value.split(",", -1)) {
      String trimmed = name.trim();
      if (!known.contains(trimmed)) {
        throw invalid(option, "unknown error code '" + trimmed + "'; expected one or more of "
            + String.join(", ", known) + ", comma-separated");
      }
      codes.add(ErrorCode.valueOf(trimmed));
    }
    return List.copyOf(codes);
  }

  /** An RFC 3339 timestamp, a date meaning its UTC midnight, or today / today-Nd (UTC midnight). */
  public static Instant instant(String option, String value) {
    return instant(option, value, Clock.systemUTC());
  }

  public static Instant instant(String option, String value, Clock clock) {
    if (!isSet(value)) {
      throw invalid(option, "missing: give an RFC 3339 timestamp (2026-11-23T00:00:00Z) or a date (2026-11-23)");
    }
    Matcher relative = RELATIVE_DAY.matcher(value.trim());
    if (relative.matches()) {
      int daysBack = relative.group(1) == null ? 0 : Integer.parseInt(relative.group(1));
      return new Instant(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(daysBack)
          .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }
    var parsed = Rfc3339.parse(value.trim());
    if (parsed.isPresent()) {
      return parsed.get();
    }
    try {
      return new Instant(LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      throw invalid(option, "expected an RFC 3339 timestamp (2026-11-23T00:00:00Z), a date (2026-11-23) or"
          + " today-Nd, got '" + value + "'");
    }
  }
}
