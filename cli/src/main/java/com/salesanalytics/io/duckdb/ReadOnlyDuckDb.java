package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.SalesTable;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * A finished DuckDB file opened for reading only: nothing is created or changed in it (unlike
 * {@link DuckDbDatabase#open}, which creates the tables), and other read-only processes may open
 * it at the same time. A file a pipeline is still writing cannot be opened this way (DuckDB locks
 * it for the writing process), which is why the demo serves its dashboard itself.
 */
public final class ReadOnlyDuckDb {
  private ReadOnlyDuckDb() {}

  /** The connection (the caller closes it), after checking the file is this version's. */
  public static DuckDBConnection open(Path file) throws SQLException {
    Path path = file.toAbsolutePath().normalize();
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path, properties);
    try (Statement s = connection.createStatement()) {
      for (SalesTable table : SalesTable.values()) {
        DuckDbDatabase.checkColumns(s, path, table);
      }
      try (ResultSet view = s.executeQuery("SELECT count(*) FROM information_schema.tables"
          + " WHERE table_name = '" + SalesTable.CLEANED_UNIQUE_VIEW + "'")) {
        view.next();
        if (view.getLong(1) == 0) {
          throw new SQLException(path + " was made by another version of the pipelines: it has no view "
              + SalesTable.CLEANED_UNIQUE_VIEW);
        }
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
