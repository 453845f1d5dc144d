package com.salesanalytics.logic;

import java.util.OptionalInt;

/**
 * Whether a Java string is real Unicode text. JSON may escape a lone UTF-16 surrogate
 * ({@code "\udbff"}); such a string cannot be written as UTF-8 (encoders replace it with
 * {@code ?}), so two different ids would become one. The parser refuses them instead.
 */
final class UnicodeText {
  private UnicodeText() {}

  /** The index of the first surrogate without its partner, if any. */
  static OptionalInt firstUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
