package com.salesanalytics.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Reads {@code sales_pipeline_health}: one row per window of publish time. */
final class HealthQueries {
  private HealthQueries() {}

  /**
   * Totals of the windows starting in the {@code minutes} of publish time that end with the newest window.
   * Publish time is its own clock (it always advances, unlike event time), hence its own anchor.
   */
  static Optional<Tiles.Health> recent(Connection connection, int minutes) throws SQLException {
    Instant newest = Sql.query(connection, "SELECT max(window_end) FROM sales_pipeline_health",
        row -> Sql.instant(row, 1)).get(0);
    if (newest == null) {
      return Optional.empty();
    }
    Span span = Span.minutesBefore(newest, minutes);
    return Optional.of(Sql.query(connection,
        "SELECT CAST(sum(events_in) AS BIGINT), CAST(sum(cleaned) AS BIGINT), CAST(sum(dead_lettered) AS BIGINT),"
            + " CAST(sum(duplicates) AS BIGINT), CAST(sum(dropped_late) AS BIGINT), bool_or(NOT is_final)"
            + " FROM sales_pipeline_health WHERE window_start >= ? AND window_start < ?",
        row -> new Tiles.Health(span.from(), span.to(), row.getBoolean(6), row.getLong(1), row.getLong(2),
            row.getLong(3), Decimals.percent(row.getLong(3), row.getLong(1)), row.getLong(4), row.getLong(5)),
        span.from(), span.to()).get(0));
  }
}
