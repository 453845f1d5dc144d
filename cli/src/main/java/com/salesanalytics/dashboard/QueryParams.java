package com.salesanalytics.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A request's query string, checked against what its endpoint takes: an unknown or repeated
 * parameter is refused rather than ignored, so a typo ({@code ?minute=5}) cannot silently show the
 * default.
 */
final class QueryParams {
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  static QueryParams parse(@Nullable String rawQuery, Set<String> allowed) throws BadRequest {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParams(values);
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!allowed.contains(name)) {
        throw new BadRequest("unknown parameter '" + Echo.of(name) + "'; "
            + (allowed.isEmpty() ? "this endpoint takes none" : "expected " + String.join(", ", new TreeSet<>(allowed))));
      }
      if (values.putIfAbsent(name, value) != null) {
        throw new BadRequest(name + ": given more than once");
      }
    }
    return new QueryParams(values);
  }

  /** The parameter as a whole number in [min, max], or {@code defaultValue} when absent. */
  int wholeNumber(String name, int defaultValue, int min, int max) throws BadRequest {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    String problem = name + ": expected a whole number from " + min + " to " + max + ", got '" + Echo.of(value) + "'";
    if (!value.matches("[0-9]{1,9}")) {
      throw new BadRequest(problem);
    }
    int number = Integer.parseInt(value);
    if (number < min || number > max) {
      throw new BadRequest(problem);
    }
    return number;
  }

  /** The JDK's server already refuses a URI with a malformed escape; this keeps the class safe on its own. */
  private static String decode(String text) throws BadRequest {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed query string: bad %-escape in '" + Echo.of(text) + "'");
    }
  }
}
