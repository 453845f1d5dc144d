package com.salesanalytics.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneId;
import org.joda.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionChecksTest {
  /** 02:30 in Tokyo on the 25th is still the 24th in UTC: relative days count in UTC. */
  private static final Clock LAUNCH = Clock.fixed(java.time.Instant.parse("2026-11-24T17:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @ParameterizedTest
  @CsvSource({
    "today, 2026-11-24T00:00:00Z",
    "today-1d, 2026-11-23T00:00:00Z",
    "today-31d, 2026-10-24T00:00:00Z",
    "2026-11-20, 2026-11-20T00:00:00Z",
    "2026-11-20T06:00:00+02:00, 2026-11-20T04:00:00Z",
  })
  void rangeBoundsAreTimestampsDatesOrDaysRelativeToTheLaunch(String value, String expected) {
    assertEquals(Instant.parse(expected), OptionChecks.instant("from", value, LAUNCH));
    assertTrue(value.matches(OptionChecks.INSTANT_REGEX), "the template's regex accepts " + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "today+1d", "today-1", "2026-11-24 06:00", "-1d"})
  void anythingElseIsRefusedByTheRegexAndTheCheckNamingTheOption(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OptionChecks.instant("from", value, LAUNCH));
    assertTrue(e.getMessage().startsWith("--from: expected"), e.getMessage());
    assertFalse(value.matches(OptionChecks.INSTANT_REGEX), value);
  }
}
