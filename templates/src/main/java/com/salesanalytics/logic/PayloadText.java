package com.salesanalytics.logic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a payload is stored as text. Valid UTF-8 is kept as it is; anything else is kept as base64
 * with a flag, so no byte is ever lost or silently replaced by U+FFFD.
 */
public record PayloadText(String text, boolean base64) {

  public static PayloadText of(byte[] payload) {
    return utf8(payload)
        .map(text -> new PayloadText(text, false))
        .orElseGet(() -> new PayloadText(Base64.getEncoder().encodeToString(payload), true));
  }

  /** The bytes this text stands for: the inverse of {@link #of}. */
  public byte[] toBytes() {
    return base64 ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether the payload is well-formed UTF-8, as {@link #utf8} judges it, without decoding it when
   * every byte is ASCII (sales almost always are): a check every message pays.
   */
  public static boolean isUtf8(byte[] payload) {
    return isAscii(payload) || utf8(payload).isPresent();
  }

  private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Eight bytes at a time: ASCII bytes have their high bit clear. */
  private static boolean isAscii(byte[] bytes) {
    long highBits = 0;
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      highBits |= (long) EIGHT_BYTES.get(bytes, i);
    }
    for (; i < bytes.length; i++) {
      highBits |= bytes[i];
    }
    return (highBits & HIGH_BITS) == 0;
  }

  /** The payload as a string if, and only if, it is well-formed UTF-8. */
  public static Optional<String> utf8(byte[] payload) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
