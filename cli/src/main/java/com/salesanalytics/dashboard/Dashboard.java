package com.salesanalytics.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What the dashboard shows, read from the warehouse: one connection per call, no HTTP here.
 *
 * <p>Time ranges end at the data's own "now", not the wall clock (the simulator's event times are
 * simulated): the end of the newest KPI window, or, before any KPI row exists, the end of the
 * minute of the newest sale.
 */
public final class Dashboard {
  static final int HOUR = 60;

  private final ConnectionSource connections;
  private final Clock clock;

  public Dashboard(ConnectionSource connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  public Tiles tiles() throws SQLException {
    try (Connection c = connections.open()) {
      Instant now = clock.instant();
      Optional<Instant> asOf = KpiQueries.newestWindowEnd(c);
      Optional<Instant> newestEvent = SalesQueries.newestEvent(c);
      return new Tiles(
          asOf.orElse(null),
          asOf.isPresent() ? KpiQueries.period(c, Span.minutesBefore(asOf.get(), 1)) : null,
          asOf.isPresent() ? KpiQueries.period(c, Span.minutesBefore(asOf.get(), HOUR)) : null,
          HealthQueries.recent(c, HOUR).orElse(null),
          new Tiles.Freshness(now, newestEvent.orElse(null),
              newestEvent.map(e -> Duration.between(e, now).getSeconds()).orElse(null)));
    }
  }

  public SalesByStore salesByStore(int minutes) throws SQLException {
    try (Connection c = connections.open()) {
      Optional<Instant> asOf = asOf(c);
      return asOf.isPresent() ? KpiQueries.salesByStore(c, Span.minutesBefore(asOf.get(), minutes)) : SalesByStore.empty();
    }
  }

  public ItemsPerTransaction itemsPerTransaction(int minutes) throws SQLException {
    try (Connection c = connections.open()) {
      Optional<Instant> asOf = asOf(c);
      return asOf.isPresent()
          ? SalesQueries.itemsPerTransaction(c, Span.minutesBefore(asOf.get(), minutes)) : ItemsPerTransaction.empty();
    }
  }

  public TopProducts topProducts(int limit, int minutes) throws SQLException {
    try (Connection c = connections.open()) {
      Optional<Instant> asOf = asOf(c);
      return asOf.isPresent() ? SalesQueries.topProducts(c, Span.minutesBefore(asOf.get(), minutes), limit) : TopProducts.empty();
    }
  }

  private static Optional<Instant> asOf(Connection c) throws SQLException {
    Optional<Instant> kpis = KpiQueries.newestWindowEnd(c);
    return kpis.isPresent() ? kpis
        : SalesQueries.newestEvent(c).map(e -> e.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
  }
}
