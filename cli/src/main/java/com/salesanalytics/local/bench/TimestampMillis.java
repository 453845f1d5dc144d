package com.salesanalytics.local.bench;

/**
 * The fast reference's timestamp reader: RFC 3339 as the contract has it
 * ({@code 2026-11-24T10:15:30.123Z}, seconds and an offset required, 'T' and 'Z' in either case, up
 * to 9 fractional digits, offsets up to ±18:00, 0001-01-01 to 9999-12-31 in UTC) read by hand from
 * the parser's characters, to epoch milliseconds (truncated, as Joda keeps them). It repeats
 * Rfc3339's calendar arithmetic on purpose: a reference shares no code with the chain it is
 * measured against, or the ratio would compare the project with itself.
 */
final class TimestampMillis {
  /** Returned for text that is not such a timestamp; no valid one is this far from 1970. */
  static final long INVALID = Long.MIN_VALUE;

  private static final long EARLIEST_SECOND = -62_135_596_800L; // 0001-01-01T00:00:00Z
  private static final long LATEST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;
  private static final long DAYS_0000_TO_1970 = 719_528;

  private TimestampMillis() {}

  static long parse(char[] text, int start, int length) {
    if (length < 20) {
      return INVALID;
    }
    int end = start + length;
    int year = digits(text, start, 4);
    int month = digits(text, start + 5, 2);
    int day = digits(text, start + 8, 2);
    int hour = digits(text, start + 11, 2);
    int minute = digits(text, start + 14, 2);
    int second = digits(text, start + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || text[start + 4] != '-' || text[start + 7] != '-' || (text[start + 10] | 0x20) != 't'
        || text[start + 13] != ':' || text[start + 16] != ':'
        || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour > 23 || minute > 59 || second > 59) {
      return INVALID;
    }
    int at = start + 19;
    int nanos = 0;
    if (text[at] == '.') {
      int first = ++at;
      while (at < end && at - first < 9 && text[at] >= '0' && text[at] <= '9') {
        nanos = nanos * 10 + (text[at++] - '0');
      }
      if (at == first) {
        return INVALID;
      }
      for (int scale = at - first; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == end - 1 && (text[at] | 0x20) == 'z') {
      offsetSeconds = 0;
    } else if (at == end - 6 && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
      int offsetHours = digits(text, at + 1, 2);
      int offsetMinutes = digits(text, at + 4, 2);
      offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
      if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetSeconds > MAX_OFFSET_SECONDS) {
        return INVALID;
      }
      offsetSeconds = text[at] == '-' ? -offsetSeconds : offsetSeconds;
    } else {
      return INVALID;
    }
    long epochSecond = epochDay(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    if (epochSecond < EARLIEST_SECOND || epochSecond > LATEST_SECOND) {
      return INVALID;
    }
    return epochSecond * 1000 + nanos / 1_000_000;
  }

  /** The number written with {@code count} ASCII digits from {@code at}, or -1. */
  private static int digits(char[] text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date in years 0 to 9999 (as LocalDate counts). */
  private static long epochDay(int year, int month, int day) {
    long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
        + (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      days -= isLeap(year) ? 1 : 2;
    }
    return days - DAYS_0000_TO_1970;
  }
}
