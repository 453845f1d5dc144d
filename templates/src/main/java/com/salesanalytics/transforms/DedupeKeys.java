package com.salesanalytics.transforms;

import java.io.Serializable;

/**
 * How dedupe spreads its state over keys: one key per transaction id, or a fixed number of shards.
 *
 * <p>Per transaction id is what a distributed runner needs: state and work spread over every
 * worker, each key's state is one small value, and nothing grows with the volume of one shard. A
 * fixed number of shards caps parallelism at that number and holds many ids per key, which only
 * pays off where every key costs a lot by itself: the DirectRunner builds an evaluator for every
 * key's bundle (per-id keys ran at about 100 events/s there; the demo with its KPI steps ran 3,700
 * events/s with 16 shards, 7,100 with 4, 8,000 with 1: see docs/performance.md).
 */
public final class DedupeKeys implements Serializable {
  private final int shards;

  private DedupeKeys(int shards) {
    this.shards = shards;
  }

  /** One key per transaction id (Dataflow and other distributed runners). */
  public static DedupeKeys perTransaction() {
    return new DedupeKeys(0);
  }

  /** {@code count} keys, each holding the ids that hash to it (the DirectRunner). */
  public static DedupeKeys shards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("dedupe shards must be at least 1, got " + count);
    }
    return new DedupeKeys(count);
  }

  public boolean isPerTransaction() {
    return shards == 0;
  }

  /** The number of shards; 0 for one key per transaction id. */
  int shardCount() {
    return shards;
  }

  /** The state key of a transaction id. */
  String keyOf(String transactionId) {
    return isPerTransaction() ? transactionId : Integer.toString(Math.floorMod(transactionId.hashCode(), shards));
  }

  @Override
  public String toString() {
    return isPerTransaction() ? "per transaction id" : shards + " shards";
  }
}
