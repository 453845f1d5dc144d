package com.salesanalytics.simulator;

import com.salesanalytics.model.ErrorCode;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * What a correct pipeline must make of a run of the simulator, counted from the simulator's own
 * knowledge of each event rather than by parsing its output.
 */
public final class SimulatorTally {
  private long events;
  private long duplicates;
  private long late;
  private final Map<ErrorCode, Long> invalidByCode = new EnumMap<>(ErrorCode.class);
  private final Set<String> uniqueSales = new HashSet<>();
  private long totalItems;
  private BigDecimal totalAmount = BigDecimal.ZERO;

  /** The tally of events 0..count-1, counted on every core: it regenerates each event. */
  public static SimulatorTally of(SaleGenerator generator, long count) {
    long parts = Math.max(1, Math.min(count / 10_000, 4L * Runtime.getRuntime().availableProcessors()));
    return LongStream.range(0, parts).parallel()
        .mapToObj(part -> of(generator, count * part / parts, count * (part + 1) / parts))
        .reduce(SimulatorTally::merge)
        .orElseGet(SimulatorTally::new);
  }

  private static SimulatorTally of(SaleGenerator generator, long from, long to) {
    SimulatorTally tally = new SimulatorTally();
    for (long i = from; i < to; i++) {
      tally.add(generator.withoutPayload(i));
    }
    return tally;
  }

  /**
   * This tally and one of other events, as one. Their unique sales are distinct: a sale is counted
   * under the id of the event that first sent it, and each index has its own id (re-sends are
   * duplicates, not sales).
   */
  private SimulatorTally merge(SimulatorTally other) {
    events += other.events;
    duplicates += other.duplicates;
    late += other.late;
    other.invalidByCode.forEach((code, n) -> invalidByCode.merge(code, n, Long::sum));
    uniqueSales.addAll(other.uniqueSales);
    totalItems += other.totalItems;
    totalAmount = totalAmount.add(other.totalAmount);
    return this;
  }

  public void add(SimulatedEvent event) {
    events++;
    switch (event.kind()) {
      case INVALID -> invalidByCode.merge(event.brokenRule(), 1L, Long::sum);
      case DUPLICATE -> duplicates++;
      case LATE, VALID -> {
        if (event.kind() == SimulatedEvent.Kind.LATE) {
          late++;
        }
        if (uniqueSales.add(event.transactionId())) {
          totalItems += event.totalItems();
          totalAmount = totalAmount.add(event.totalAmount());
        }
      }
    }
  }

  public long events() {
    return events;
  }

  /** Events that parse as valid sales, duplicates included. */
  public long valid() {
    return uniqueSales.size() + duplicates;
  }

  public long uniqueSales() {
    return uniqueSales.size();
  }

  public long duplicates() {
    return duplicates;
  }

  public long late() {
    return late;
  }

  public long invalid() {
    return invalidByCode.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<ErrorCode, Long> invalidByCode() {
    return Map.copyOf(invalidByCode);
  }

  public long totalItems() {
    return totalItems;
  }

  public BigDecimal totalAmount() {
    return totalAmount;
  }

  @Override
  public String toString() {
    return String.format("%d events: %d unique sales (%d late), %d duplicates, %d invalid %s;"
            + " %d items, total amount %s",
        events, uniqueSales(), late, duplicates, invalid(), invalidByCode, totalItems, totalAmount.toPlainString());
  }
}
