package com.salesanalytics.dashboard;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the dashboard gets a connection for one request; the caller closes it. During a demo it is
 * a duplicate of the writer's shared DuckDB connection (DuckDB lets only one process open a file
 * read-write, so the reader must live in the writer's JVM); for a finished file, a duplicate of a
 * read-only connection.
 */
@FunctionalInterface
public interface ConnectionSource {
  Connection open() throws SQLException;
}
