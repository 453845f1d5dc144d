package com.salesanalytics.dashboard;

/**
 * What a client sent, quoted back in an error: short, and on one line for any reader (control
 * characters, and the line and paragraph separators that JavaScript and editors break lines at,
 * become '?'), cut between characters, never inside one.
 */
final class Echo {
  static final int LIMIT = 40;

  private Echo() {}

  static String of(String clientText) {
    String oneLine = clientText.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?");
    if (oneLine.codePointCount(0, oneLine.length()) <= LIMIT) {
      return oneLine;
    }
    return oneLine.substring(0, oneLine.offsetByCodePoints(0, LIMIT)) + "...";
  }
}
