package com.salesanalytics.dashboard;

import com.salesanalytics.io.duckdb.DuckDbFile;
import com.salesanalytics.io.duckdb.ReadOnlyDuckDb;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.pipelines.Cli;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.duckdb.DuckDBConnection;

/**
 * {@code dashboard}: the dashboard over a finished DuckDB file, opened read-only, until Ctrl-C.
 * During a demo the file is locked by the demo's process, which serves the dashboard itself.
 */
public final class DashboardCommand {
  /** The demo's default file (DemoPipeline), so that {@code demo} then {@code dashboard} just works. */
  static final String DEFAULT_DUCKDB_PATH = "sales-demo.duckdb";
  static final String SUMMARY = "Serves the sales dashboard (page and JSON API, see docs/dashboard.md) over a"
      + " finished DuckDB file, opened read-only.";

  /** Options of the dashboard command. */
  public interface Options extends PipelineOptions {
    // No @Default: Beam requires the same defaults on every options interface with this getter
    // (DuckDbOptions has none), so the default is applied in open().
    @Description("DuckDB file to show, opened read-only: one no pipeline is writing (during a demo, open the URL"
        + " the demo prints instead). Default: " + DEFAULT_DUCKDB_PATH + ", the file the demo writes.")
    String getDuckdbPath();

    void setDuckdbPath(String value);

    @Description("Address to listen on. 127.0.0.1 keeps the dashboard to this machine; 0.0.0.0 shows it to the"
        + " network (it has no login).")
    @Default.String(ListenAddress.DEFAULT_HOST)
    String getHost();

    void setHost(String value);

    @Description("Port to listen on; 0 picks a free one.")
    @Default.Integer(ListenAddress.DEFAULT_PORT)
    Integer getPort();

    void setPort(Integer value);
  }

  private DashboardCommand() {}

  public static void execute(String[] args) {
    Cli.parse("dashboard", SUMMARY, args, Options.class).ifPresent(DashboardCommand::run);
  }

  /** Serves until the JVM is stopped (Ctrl-C). */
  public static void run(Options options) {
    Running running = open(options);
    System.out.println("dashboard: " + running.server().url() + " (" + running.file() + ", read-only; Ctrl-C to stop)");
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "dashboard-shutdown"));
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.close();
    }
  }

  /** Opens the file and starts serving it; closing the result stops both. */
  public static Running open(Options options) {
    ListenAddress address = ListenAddress.of("host", options.getHost(), "port", options.getPort());
    String given = options.getDuckdbPath();
    Path file = Path.of(OptionChecks.isSet(given) ? given : DEFAULT_DUCKDB_PATH).toAbsolutePath().normalize();
    DuckDbFile.checkReadable(file);
    DuckDBConnection connection;
    try {
      connection = ReadOnlyDuckDb.open(file);
    } catch (SQLException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new IllegalArgumentException("--duckdbPath: cannot open " + file + " read-only: " + message
          + (message.contains("lock") ? " (a pipeline is writing it: during a demo, use the URL the demo prints)" : ""), e);
    }
    try {
      DashboardServer server = DashboardServer.start(address, new Dashboard(connection::duplicate, Clock.systemUTC()));
      return new Running(file, connection, server);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** A dashboard being served over a read-only file. */
  public record Running(Path file, DuckDBConnection connection, DashboardServer server) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(DuckDBConnection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Read-only: nothing was written that closing could lose.
    }
  }
}
