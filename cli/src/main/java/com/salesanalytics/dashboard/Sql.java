package com.salesanalytics.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Parameterised queries only: every value reaches DuckDB as a bound parameter, never as SQL text. */
final class Sql {
  private Sql() {}

  /** A row mapper that may throw like JDBC does. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i] instanceof Instant instant
            ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameters[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(row.map(result));
        }
      }
      return rows;
    }
  }

  /** A TIMESTAMPTZ column as an Instant (null stays null). */
  static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
