package com.salesanalytics.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Ids that are the same whenever and however often the same thing is recorded: a hash of what it is. */
final class StableIds {
  private StableIds() {}

  /** 32 hex digits: SHA-256 of {@code source} and each part, a zero byte before each part. */
  static String of(byte[] source, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(source);
      for (String part : parts) {
        sha.update((byte) 0);
        sha.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
