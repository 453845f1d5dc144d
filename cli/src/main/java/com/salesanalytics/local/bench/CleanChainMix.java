package com.salesanalytics.local.bench;

import com.salesanalytics.model.RawMessage;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import com.salesanalytics.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;

/**
 * The fixed input of the clean-chain benchmark: the simulator's default mix (about 5% invalid, one
 * rule broken each; 3% duplicates; 2% late) from one seed, so every run and every chain sees the
 * same bytes. A few thousand distinct payloads, cycled: enough variety that branch prediction
 * cannot learn the input, few enough to stay in cache like a hot stream's recent messages.
 */
public final class CleanChainMix {
  /** A power of two, so the benchmark cycles with a mask. */
  public static final int DISTINCT_PAYLOADS = 4096;
  static final long SEED = 42;
  static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
  /** Every row is stamped with this instead of the clock, so the chains' rows compare equal. */
  public static final Instant PROCESSED_AT = Instant.parse("2026-11-24T12:00:00Z");

  private CleanChainMix() {}

  /** The simulated events, with what the simulator knows of each (broken rule, totals). */
  public static List<SimulatedEvent> events() {
    SaleGenerator generator = new SaleGenerator(SimulatorConfig.defaults(SEED, START));
    List<SimulatedEvent> events = new ArrayList<>(DISTINCT_PAYLOADS);
    for (int i = 0; i < DISTINCT_PAYLOADS; i++) {
      events.add(generator.event(i));
    }
    return events;
  }

  /** The same events as the messages a source delivers. */
  public static RawMessage[] messages() {
    return events().stream()
        .map(e -> new RawMessage(e.payload().getBytes(StandardCharsets.UTF_8), e.messageId(), e.publishTime(), Map.of()))
        .toArray(RawMessage[]::new);
  }
}
