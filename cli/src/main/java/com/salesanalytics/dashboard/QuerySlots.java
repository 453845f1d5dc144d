package com.salesanalytics.dashboard;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most a few API queries at once, however many clients ask: DuckDB already runs each query on
 * every core, so more at once only share them and hold more memory. A request that waits longer
 * than {@code wait} for a slot is turned away (503) rather than queued without end.
 */
final class QuerySlots {
  /** The page asks four things at a time. */
  static final int SLOTS = 4;
  /** Well under the server's limit for a response (HttpLimits.MAX_RESPONSE_SECONDS), so the 503 gets out. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private final Semaphore slots = new Semaphore(SLOTS, true);
  private final Duration wait;

  QuerySlots(Duration wait) {
    this.wait = wait;
  }

  Duration waitLimit() {
    return wait;
  }

  /** The query's result, or empty if no slot came free in time. */
  <T> Optional<T> run(Callable<T> query) throws Exception {
    if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(query.call());
    } finally {
      slots.release();
    }
  }
}
