package com.salesanalytics.transforms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The transaction ids a dedupe shard has seen, each with when it was first seen: an open-addressing
 * table of 128-bit SHA-256 prefixes, about 40 bytes an id instead of about 110 for a
 * {@code HashMap<String, Long>}, so ten minutes of ids at tens of thousands of events a second fit
 * in a small heap. Two different ids sharing a 128-bit prefix (which would drop a sale as a copy)
 * is as likely as a random UUID collision, and SHA-256 does not let a producer craft one.
 *
 * <p>Used by the DirectRunner's sharded dedupe only, held in place by {@link InProcessStateCoder};
 * identity equals, as that coder needs. Not thread-safe (the runner gives a key one bundle at a time).
 */
final class SeenTransactionIds {
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });
  private static final int INITIAL_CAPACITY = 1 << 10;

  /** Slot i is free while firstSeen[i] == FREE. */
  private static final long FREE = Long.MIN_VALUE;

  private long[] high = new long[INITIAL_CAPACITY];
  private long[] low = new long[INITIAL_CAPACITY];
  private long[] firstSeen = freeSlots(INITIAL_CAPACITY);
  private int size;

  int size() {
    return size;
  }

  /** Remembers {@code transactionId} as first seen at {@code millis}; false if it was already there. */
  boolean addIfAbsent(String transactionId, long millis) {
    if (millis == FREE) {
      throw new IllegalArgumentException("no such time");
    }
    ByteBuffer digest = ByteBuffer.wrap(SHA_256.get().digest(transactionId.getBytes(StandardCharsets.UTF_8)));
    long h = digest.getLong();
    long l = digest.getLong();
    int mask = firstSeen.length - 1;
    for (int slot = (int) h & mask; ; slot = (slot + 1) & mask) {
      if (firstSeen[slot] == FREE) {
        high[slot] = h;
        low[slot] = l;
        firstSeen[slot] = millis;
        if (++size * 4 > firstSeen.length * 3) {
          rebuild(firstSeen.length * 2, Long.MIN_VALUE);
        }
        return true;
      }
      if (high[slot] == h && low[slot] == l) {
        return false;
      }
    }
  }

  /** Forgets ids first seen at or before {@code millis}; returns the earliest first-seen time left, or empty. */
  java.util.OptionalLong forgetSeenBy(long millis) {
    int live = liveAfter(millis);
    int capacity = firstSeen.length;
    while (capacity > INITIAL_CAPACITY && live * 4 < capacity) {
      capacity /= 2;
    }
    rebuild(capacity, millis);
    long earliest = Long.MAX_VALUE;
    for (long seen : firstSeen) {
      if (seen != FREE) {
        earliest = Math.min(earliest, seen);
      }
    }
    return size == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(earliest);
  }

  private int liveAfter(long millis) {
    int live = 0;
    for (long seen : firstSeen) {
      if (seen != FREE && seen > millis) {
        live++;
      }
    }
    return live;
  }

  /** Re-inserts the ids first seen after {@code keepAfter} into a table of {@code capacity} slots. */
  private void rebuild(int capacity, long keepAfter) {
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldSeen = firstSeen;
    high = new long[capacity];
    low = new long[capacity];
    firstSeen = freeSlots(capacity);
    size = 0;
    int mask = capacity - 1;
    for (int i = 0; i < oldSeen.length; i++) {
      if (oldSeen[i] != FREE && oldSeen[i] > keepAfter) {
        int slot = (int) oldHigh[i] & mask;
        while (firstSeen[slot] != FREE) {
          slot = (slot + 1) & mask;
        }
        high[slot] = oldHigh[i];
        low[slot] = oldLow[i];
        firstSeen[slot] = oldSeen[i];
        size++;
      }
    }
  }

  private static long[] freeSlots(int capacity) {
    long[] slots = new long[capacity];
    java.util.Arrays.fill(slots, FREE);
    return slots;
  }
}
