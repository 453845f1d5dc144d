package com.salesanalytics.pipelines;

import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.SimulationOptions;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.joda.time.Instant;

/** The simulator a pipeline's options describe. */
public final class Simulations {
  private Simulations() {}

  public static SaleGenerator generator(SimulationOptions options) {
    if (options.getMaxEvents() == null || options.getMaxEvents() < 0) {
      throw OptionChecks.invalid("maxEvents", "must be 0 (no limit) or more, got " + options.getMaxEvents());
    }
    Instant start = OptionChecks.isSet(options.getStartTime())
        ? OptionChecks.instant("startTime", options.getStartTime())
        : new Instant(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    return new SaleGenerator(new SimulatorConfig(options.getSeed(), options.getEventsPerSecond(), start,
        options.getInvalidRatio(), options.getDuplicateRatio(), options.getLateRatio(),
        options.getStores(), options.getCustomers(), options.getProducts()));
  }
}
