package com.salesanalytics.dashboard;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/** The JSON API: path, the query parameters it takes, and what it returns (docs/dashboard.md). */
final class ApiRoutes {
  static final int MAX_MINUTES = 24 * 60;
  static final int MAX_PRODUCTS = 50;

  private ApiRoutes() {}

  /** What one endpoint answers, given its checked parameters. */
  @FunctionalInterface
  interface Endpoint {
    Object answer(QueryParams params) throws SQLException, BadRequest;
  }

  /** An endpoint and the parameters it accepts. */
  record Route(Set<String> parameters, Endpoint endpoint) {}

  static Map<String, Route> of(Dashboard dashboard) {
    return Map.of(
        "/api/tiles", new Route(Set.of(), p -> dashboard.tiles()),
        "/api/sales-by-store", new Route(Set.of("minutes"),
            p -> dashboard.salesByStore(p.wholeNumber("minutes", 30, 1, MAX_MINUTES))),
        "/api/items-per-transaction", new Route(Set.of("minutes"),
            p -> dashboard.itemsPerTransaction(p.wholeNumber("minutes", Dashboard.HOUR, 1, MAX_MINUTES))),
        "/api/top-products", new Route(Set.of("limit", "minutes"),
            p -> dashboard.topProducts(p.wholeNumber("limit", 10, 1, MAX_PRODUCTS),
                p.wholeNumber("minutes", Dashboard.HOUR, 1, MAX_MINUTES))));
  }
}
