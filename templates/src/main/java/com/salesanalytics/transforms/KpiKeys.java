package com.salesanalytics.transforms;

import java.io.Serializable;

/**
 * How the store KPIs spread their state over keys: one key per store, or a fixed number of shards
 * of stores.
 *
 * <p>Per store is what a distributed runner needs: stores are spread over workers and each key's
 * state is one store's open windows. Shards are for the DirectRunner, which pays per key on every
 * bundle (an evaluator, a state copy, a timer scan): with 25 stores that cost dominated the demo
 * (see docs/performance.md). Sharded state is held in place ({@link InProcessStateCoder}), which
 * only the DirectRunner can do.
 */
public final class KpiKeys implements Serializable {
  private final int shards;

  private KpiKeys(int shards) {
    this.shards = shards;
  }

  /** One key per store (Dataflow and other distributed runners). */
  public static KpiKeys perStore() {
    return new KpiKeys(0);
  }

  /** {@code count} keys, each holding the stores that hash to it (the DirectRunner). */
  public static KpiKeys shards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("KPI shards must be at least 1, got " + count);
    }
    return new KpiKeys(count);
  }

  public boolean isPerStore() {
    return shards == 0;
  }

  /** The state key of a store. */
  String keyOf(String storeId) {
    return isPerStore() ? storeId : Integer.toString(Math.floorMod(storeId.hashCode(), shards));
  }

  @Override
  public String toString() {
    return isPerStore() ? "per store" : shards + " shards";
  }
}
