package com.salesanalytics.local;

import com.salesanalytics.io.SimulatorSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How fresh the demo's numbers are: for each cleaned sale, the time from its creation by the
 * simulator to its row being visible to a reader of the DuckDB file.
 *
 * <p>The simulator reports each event's index as it creates it ({@link #RECORD}, kept in a ring of
 * wall-clock times in this JVM); a {@link Probe} reads the rows committed to {@code sales_cleaned}
 * since its last look, every {@link #POLL_MILLIS} ms, and counts the age of each. A row is seen at
 * most one poll after its commit, so the figures err by up to that much on the high side.
 */
public final class Freshness {
  static final long POLL_MILLIS = 100;
  /** Events remembered: at 50,000 events/s about 80 s; an older row counts as {@link Histogram#MAX_MILLIS}. */
  private static final int RING = 1 << 22;
  private static final long[] CREATED_AT = new long[RING];
  private static volatile long newestIndex = -1;

  /** The simulator's listener: remembers when each event was made. */
  public static final SimulatorSource.CreationListener RECORD = Freshness::created;

  private Freshness() {}

  static void created(long index) {
    CREATED_AT[(int) (index & (RING - 1))] = System.currentTimeMillis();
    if (index > newestIndex) {
      newestIndex = index; // racy by design: only used to tell a recycled slot
    }
  }

  /** Age of event {@code index} at {@code nowMillis}, or -1 if its creation was never recorded or is forgotten. */
  static long ageMillis(long index, long nowMillis) {
    if (index < 0 || index > newestIndex || newestIndex - index >= RING) {
      return -1;
    }
    long created = CREATED_AT[(int) (index & (RING - 1))];
    return created == 0 ? -1 : Math.max(0, nowMillis - created);
  }

  /** The simulator's index from its message id ({@code sim-<seed>-<index>}), or -1. */
  static long indexOf(String messageId) {
    int dash = messageId.lastIndexOf('-');
    try {
      return dash < 0 ? -1 : Long.parseLong(messageId, dash + 1, messageId.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Watches {@code sales_cleaned} on its own connection until closed. */
  public static final class Probe implements AutoCloseable {
    private final Callable<Connection> connections;
    private final Histogram sinceLastReport = new Histogram();
    private final Histogram sinceMark = new Histogram();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poller;
    private long lastRowId = -1;

    private Probe(Callable<Connection> connections) {
      this.connections = connections;
      this.poller = new Thread(this::pollUntilClosed, "freshness-probe");
      this.poller.setDaemon(true);
    }

    public static Probe start(Callable<Connection> connections) {
      Probe probe = new Probe(connections);
      probe.poller.start();
      return probe;
    }

    /** Freshness of the rows seen since the previous call. */
    public synchronized Histogram.Summary sinceLastReport() {
      Histogram.Summary summary = sinceLastReport.summary();
      sinceLastReport.clear();
      return summary;
    }

    /** Starts counting {@link #sinceMark()} afresh (e.g. after a warm-up). */
    public synchronized void mark() {
      sinceMark.clear();
    }

    public synchronized Histogram.Summary sinceMark() {
      return sinceMark.summary();
    }

    private void pollUntilClosed() {
      Connection connection = null;
      try {
        while (running.get()) {
          try {
            if (connection == null) {
              connection = connections.call();
            }
            readNewRows(connection);
          } catch (SQLException notYet) {
            // The table appears with the first cleaned batch; until then there is nothing to see.
          }
          TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        System.err.println("freshness probe stopped: " + e.getMessage());
      } finally {
        closeQuietly(connection);
      }
    }

    private void readNewRows(Connection connection) throws SQLException {
      // Rows are only ever appended to sales_cleaned, so new ones have higher row ids.
      try (PreparedStatement newRows = connection.prepareStatement(
          "SELECT rowid, message_id FROM sales_cleaned WHERE rowid > ? ORDER BY rowid")) {
        newRows.setLong(1, lastRowId);
        try (ResultSet rows = newRows.executeQuery()) {
          long now = System.currentTimeMillis();
          synchronized (this) {
            while (rows.next()) {
              lastRowId = rows.getLong(1);
              long age = ageMillis(indexOf(rows.getString(2)), now);
              if (age >= 0) {
                sinceLastReport.add(age);
                sinceMark.add(age);
              }
            }
          }
        }
      }
    }

    @Override
    public void close() {
      running.set(false);
      poller.interrupt();
      try {
        poller.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void closeQuietly(Connection connection) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // closing a read connection at the end of a run; nothing to do
        }
      }
    }
  }
}
