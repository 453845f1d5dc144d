package com.salesanalytics.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SeenTransactionIdsTest {
  @Test
  void anIdIsNewOnceAndACopyAfterwards() {
    SeenTransactionIds seen = new SeenTransactionIds();

    assertTrue(seen.addIfAbsent("txn-42-000017", 1_000));
    assertFalse(seen.addIfAbsent("txn-42-000017", 2_000));
    assertTrue(seen.addIfAbsent("txn-42-000018", 2_000));
    assertEquals(2, seen.size());
  }

  @Test
  void manyIdsAreAllRememberedAcrossTheTableGrowing() {
    SeenTransactionIds seen = new SeenTransactionIds();
    for (int i = 0; i < 200_000; i++) {
      assertTrue(seen.addIfAbsent("txn-" + i, i), "new " + i);
    }
    for (int i = 0; i < 200_000; i += 7) {
      assertFalse(seen.addIfAbsent("txn-" + i, 300_000), "copy " + i);
    }
    assertEquals(200_000, seen.size());
  }

  @Test
  void forgettingDropsOnlyIdsSeenByThatTimeAndSaysTheEarliestLeft() {
    SeenTransactionIds seen = new SeenTransactionIds();
    for (int i = 0; i < 10_000; i++) {
      seen.addIfAbsent("txn-" + i, 1_000 + i);
    }

    OptionalLong earliest = seen.forgetSeenBy(1_000 + 8_999);

    assertEquals(OptionalLong.of(10_000), earliest);
    assertEquals(1_000, seen.size());
    assertTrue(seen.addIfAbsent("txn-0", 20_000), "forgotten, so new again");
    assertFalse(seen.addIfAbsent("txn-9999", 20_000), "still remembered");
    assertEquals(OptionalLong.empty(), new SeenTransactionIds().forgetSeenBy(5));
  }

  @Test
  void anIdIsComparedWhole() {
    SeenTransactionIds seen = new SeenTransactionIds();
    seen.addIfAbsent("txn-1", 1);

    assertTrue(seen.addIfAbsent("txn-1 ", 1));
    assertTrue(seen.addIfAbsent("TXN-1", 1));
    assertTrue(seen.addIfAbsent("txn-1\u0000", 1));
  }
}
