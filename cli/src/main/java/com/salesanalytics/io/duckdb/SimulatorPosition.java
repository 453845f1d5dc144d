package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.SalesTable;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import com.salesanalytics.simulator.SimulatorConfig;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.joda.time.Instant;

/**
 * Where a demo restarted on its DuckDB file picks up, read from what the file holds, so that a
 * restart after a crash (SIGKILL, power loss: nothing flushed, nothing said) neither sends an
 * event again nor skips one. Simulator event {@code i} has message id {@code sim-<seed>-<i>}; it
 * is <em>done</em> when both branches stored it: its raw row in {@code sales_raw} and its clean
 * outcome (its row in {@code sales_cleaned} and its lines in {@code sales_line_items}, which are
 * written apart; a dead letter; or, for a copy of an earlier sale, that sale's transaction in
 * {@code sales_cleaned}). The KPIs are not part of it: see README, "Stopping and restarting the demo". The writers commit bundles side by side, so after a
 * crash the done events are a prefix with scattered ones after it; a restart sends every event
 * below the highest done one that is not done, then goes on from there.
 *
 * <p>The simulator's options are kept in the file ({@value #CONFIG_TABLE}) by the first run: events
 * are generated from them, so a restart with other options would store other events under the same
 * ids. A restart that names other options is refused, naming the first that differs.
 */
public final class SimulatorPosition {
  static final String CONFIG_TABLE = "demo_simulator";

  /** What to send: the events below {@code next} that are not done, then {@code next} onwards. */
  public record Resume(List<Long> notDone, long next, long done) {
    public static final Resume FROM_START = new Resume(List.of(), 0, 0);

    public boolean fromStart() {
      return next == 0;
    }
  }

  private SimulatorPosition() {}

  /**
   * The config to run with: {@code asked}, after checking it against the one the file was started
   * with (recorded now if the file has none). {@code startTimeGiven}: whether the user set
   * --startTime; if not, the file's start time is taken (its default is today's midnight, which
   * would move a restart on another day).
   */
  public static SimulatorConfig agree(DuckDbDatabase db, SimulatorConfig asked, boolean startTimeGiven)
      throws SQLException {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + CONFIG_TABLE + " (seed BIGINT, events_per_second DOUBLE,"
            + " start_time_millis BIGINT, invalid_ratio DOUBLE, duplicate_ratio DOUBLE, late_ratio DOUBLE,"
            + " stores INTEGER, customers INTEGER, products INTEGER)");
        try (ResultSet row = s.executeQuery("SELECT * FROM " + CONFIG_TABLE)) {
          if (row.next()) {
            SimulatorConfig stored = new SimulatorConfig(row.getLong("seed"), row.getDouble("events_per_second"),
                new Instant(row.getLong("start_time_millis")), row.getDouble("invalid_ratio"),
                row.getDouble("duplicate_ratio"), row.getDouble("late_ratio"), row.getInt("stores"),
                row.getInt("customers"), row.getInt("products"));
            SimulatorConfig wanted = startTimeGiven ? asked : withStartTime(asked, stored.startTime());
            refuseIfDifferent(stored, wanted, db);
            return wanted;
          }
        }
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO " + CONFIG_TABLE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, asked.seed());
        insert.setDouble(2, asked.eventsPerSecond());
        insert.setLong(3, asked.startTime().getMillis());
        insert.setDouble(4, asked.invalidRatio());
        insert.setDouble(5, asked.duplicateRatio());
        insert.setDouble(6, asked.lateRatio());
        insert.setInt(7, asked.stores());
        insert.setInt(8, asked.customers());
        insert.setInt(9, asked.products());
        insert.executeUpdate();
      }
      return asked;
    });
  }

  private static SimulatorConfig withStartTime(SimulatorConfig c, Instant start) {
    return new SimulatorConfig(c.seed(), c.eventsPerSecond(), start, c.invalidRatio(), c.duplicateRatio(),
        c.lateRatio(), c.stores(), c.customers(), c.products());
  }

  private static void refuseIfDifferent(SimulatorConfig stored, SimulatorConfig asked, DuckDbDatabase db) {
    String[][] options = {
        {"seed", String.valueOf(stored.seed()), String.valueOf(asked.seed())},
        {"eventsPerSecond", number(stored.eventsPerSecond()), number(asked.eventsPerSecond())},
        {"startTime", stored.startTime().toString(), asked.startTime().toString()},
        {"invalidRatio", number(stored.invalidRatio()), number(asked.invalidRatio())},
        {"duplicateRatio", number(stored.duplicateRatio()), number(asked.duplicateRatio())},
        {"lateRatio", number(stored.lateRatio()), number(asked.lateRatio())},
        {"stores", String.valueOf(stored.stores()), String.valueOf(asked.stores())},
        {"customers", String.valueOf(stored.customers()), String.valueOf(asked.customers())},
        {"products", String.valueOf(stored.products()), String.valueOf(asked.products())},
    };
    for (String[] option : options) {
      if (!option[1].equals(option[2])) {
        throw OptionChecks.invalid(option[0], db.path() + " holds a demo run with --" + option[0] + "=" + option[1]
            + ", got " + option[2] + "; restart it with the same simulator options or use a new --duckdbPath");
      }
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
  }

  /** Where the simulator of {@code generator} picks up on this file. */
  public static Resume read(DuckDbDatabase db, SaleGenerator generator) throws SQLException {
    String prefix = generator.messageId(0).substring(0, generator.messageId(0).length() - 1);
    return db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE OR REPLACE TEMP TABLE resume_raw AS " + indexes(SalesTable.RAW, prefix));
        s.execute("CREATE OR REPLACE TEMP TABLE resume_clean AS (" + indexes(SalesTable.CLEANED, prefix)
            + " INTERSECT " + indexes(SalesTable.LINE_ITEMS, prefix) + ") UNION " + indexes(SalesTable.DEAD_LETTER, prefix));
        try {
          long next;
          try (ResultSet r = s.executeQuery("SELECT coalesce(max(i) + 1, 0) FROM"
              + " (SELECT i FROM resume_raw UNION ALL SELECT i FROM resume_clean)")) {
            r.next();
            next = r.getLong(1);
          }
          List<Long> notDone = new ArrayList<>();
          List<Long> onlyRaw = new ArrayList<>();
          try (ResultSet r = s.executeQuery("SELECT t.i, t.i IN (SELECT i FROM resume_raw) FROM range(0, " + next
              + ") AS t(i) WHERE t.i NOT IN (SELECT i FROM resume_raw) OR t.i NOT IN (SELECT i FROM resume_clean)"
              + " ORDER BY t.i")) {
            while (r.next()) {
              (r.getBoolean(2) ? onlyRaw : notDone).add(r.getLong(1));
            }
          }
          notDone.addAll(withoutStoredCopies(c, generator, onlyRaw));
          notDone.sort(null);
          return new Resume(List.copyOf(notDone), next, next - notDone.size());
        } finally {
          s.execute("DROP TABLE IF EXISTS resume_raw");
          s.execute("DROP TABLE IF EXISTS resume_clean");
        }
      }
    });
  }

  /** The simulator indexes of the table's rows with this message-id prefix. */
  private static String indexes(SalesTable table, String prefix) {
    return "SELECT DISTINCT i FROM (SELECT TRY_CAST(substr(message_id, " + (prefix.length() + 1) + ") AS BIGINT) AS i"
        + " FROM " + table.tableName() + " WHERE starts_with(message_id, '" + prefix + "')) WHERE i IS NOT NULL";
  }

  /**
   * Of events with a raw row but no clean outcome of their own, those not done: all but
   * the copies (redeliveries) of a sale that sales_cleaned holds, which the stream drops.
   */
  private static List<Long> withoutStoredCopies(DuckDBConnection c, SaleGenerator generator, List<Long> onlyRaw)
      throws SQLException {
    List<SimulatedEvent> copies = new ArrayList<>();
    List<Long> notDone = new ArrayList<>();
    for (long index : onlyRaw) {
      SimulatedEvent event = generator.event(index);
      if (event.kind() == SimulatedEvent.Kind.DUPLICATE) {
        copies.add(event);
      } else {
        notDone.add(index);
      }
    }
    if (copies.isEmpty()) {
      return notDone;
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE TEMP TABLE resume_copies (i BIGINT, transaction_id VARCHAR)");
      try (DuckDBAppender appender = c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "resume_copies")) {
        for (SimulatedEvent copy : copies) {
          appender.beginRow();
          appender.append(copy.index());
          appender.append(copy.transactionId());
          appender.endRow();
        }
        appender.flush();
      }
      try (ResultSet r = s.executeQuery("SELECT i FROM resume_copies WHERE transaction_id NOT IN"
          + " (SELECT transaction_id FROM " + SalesTable.CLEANED.tableName() + ")")) {
        while (r.next()) {
          notDone.add(r.getLong(1));
        }
      }
      s.execute("DROP TABLE resume_copies");
    }
    return notDone;
  }
}
