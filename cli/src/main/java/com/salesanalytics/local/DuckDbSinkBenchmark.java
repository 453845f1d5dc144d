package com.salesanalytics.local;

import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.io.duckdb.TableWriter;
import com.salesanalytics.logic.CleanResult;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatedEvent;
import com.salesanalytics.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.joda.time.Instant;

/**
 * Rows/s of realistic cleaned sales into {@code sales_cleaned} through the project's writer (what
 * the pipelines write it with: {@link DuckDbWarehouse#salesCleanedWriter}, in batches of
 * {@link TableWriter#BATCH_ROWS}, each stamped when written) next to a bare DuckDB appender loop
 * writing the same rows into a table of the same shape (same DDL, primary key included) in the same
 * batches. Target: the writer at least 0.8x the bare loop. Each round writes fresh files, the
 * two alternating; the figure is the median round. A measurement, not a test: it asserts nothing.
 */
public final class DuckDbSinkBenchmark {
  public static final double TARGET_RATIO = 0.8;

  private DuckDbSinkBenchmark() {}

  /**
   * Writes {@code rows} cleaned sales (simulator events that validate) {@code rounds} times each
   * way, after one unmeasured round of each, into fresh DuckDB files under {@code workDir}.
   */
  public static List<BenchFigure> measure(int rows, int rounds, Path workDir) {
    if (rows < 1 || rounds < 1) {
      throw new IllegalArgumentException("rows and rounds must be at least 1, got " + rows + " and " + rounds);
    }
    List<CleanedSale> sales = realisticSales(rows);
    double[] writer = new double[rounds];
    double[] bare = new double[rounds];
    try {
      Files.createDirectories(workDir);
      writerRowsPerSecond(sales, workDir.resolve("warm-writer.duckdb"));
      bareRowsPerSecond(sales, workDir.resolve("warm-bare.duckdb"));
      for (int round = 0; round < rounds; round++) {
        writer[round] = writerRowsPerSecond(sales, workDir.resolve("writer-" + round + ".duckdb"));
        bare[round] = bareRowsPerSecond(sales, workDir.resolve("bare-" + round + ".duckdb"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB refused the benchmark's writes: " + e.getMessage(), e);
    }
    double figure = median(writer);
    double reference = median(bare);
    return List.of(BenchFigure.against(String.format("DuckDB sink, sales_cleaned, %,d rows", rows), figure, "rows/s",
        "bare appender", reference, "≥ " + TARGET_RATIO + "x", figure / reference >= TARGET_RATIO));
  }

  /** The first {@code rows} simulator events that validate, cleaned as the pipelines clean them. */
  static List<CleanedSale> realisticSales(int rows) {
    SaleGenerator generator = new SaleGenerator(SimulatorConfig.defaults(42, Instant.parse("2026-11-24T00:00:00Z")));
    List<CleanedSale> sales = new ArrayList<>(rows);
    for (long i = 0; sales.size() < rows; i++) {
      SimulatedEvent event = generator.event(i);
      RawMessage message = new RawMessage(event.payload().getBytes(StandardCharsets.UTF_8),
          "events.jsonl:" + (i + 1), event.publishTime(), Map.of());
      if (CleanResult.of(message) instanceof CleanResult.Clean clean) {
        sales.add(clean.sale());
      }
    }
    return sales;
  }

  private static double writerRowsPerSecond(List<CleanedSale> sales, Path file) throws SQLException, IOException {
    deleteDatabase(file);
    DuckDbDatabase db = DuckDbDatabase.open(file.toString());
    try (TableWriter<CleanedSale> writer = DuckDbWarehouse.salesCleanedWriter(db)) {
      long start = System.nanoTime();
      for (int from = 0; from < sales.size(); from += TableWriter.BATCH_ROWS) {
        List<TableWriter.Refused> refused =
            writer.write(sales.subList(from, Math.min(sales.size(), from + TableWriter.BATCH_ROWS)), Instant.now());
        if (!refused.isEmpty()) {
          throw new SQLException("the writer refused " + refused.size() + " rows: " + refused.get(0).reason());
        }
      }
      return sales.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      DuckDbDatabase.closeIfOpen(file.toString());
      deleteDatabase(file);
    }
  }

  /**
   * The same rows by hand, in the writer's batches (one appender and one commit per
   * {@link TableWriter#BATCH_ROWS}; one transaction for all rows runs slower here, its key index
   * growing in the transaction), values straight from the sale: what the writer adds is the whole
   * difference.
   */
  private static double bareRowsPerSecond(List<CleanedSale> sales, Path file) throws SQLException, IOException {
    deleteDatabase(file);
    try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file)) {
      try (Statement s = connection.createStatement()) {
        s.execute(DuckDbDatabase.createTableSql(SalesTable.CLEANED, SalesTable.CLEANED.tableName()));
      }
      long start = System.nanoTime();
      for (int from = 0; from < sales.size(); from += TableWriter.BATCH_ROWS) {
        long processedAtMicros = System.currentTimeMillis() * 1000;
        connection.setAutoCommit(false);
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
            SalesTable.CLEANED.tableName())) {
          for (CleanedSale sale : sales.subList(from, Math.min(sales.size(), from + TableWriter.BATCH_ROWS))) {
            appender.beginRow();
            appender.append(sale.transactionId());
            appender.append(sale.storeId());
            appendNullable(appender, sale.customerId());
            appender.appendEpochMicros(sale.eventTimestamp().getMillis() * 1000);
            appendNullable(appender, sale.paymentMethod());
            appender.append(sale.currency());
            appender.append(sale.lineCount());
            appender.append(sale.totalItems());
            appender.append(atColumnScale(sale.totalAmount()));
            appender.append(atColumnScale(sale.avgPricePerItem()));
            appender.appendEpochMicros(processedAtMicros);
            appender.append(sale.messageId());
            appender.appendEpochMicros(sale.publishTime().getMillis() * 1000);
            appender.endRow();
          }
          appender.flush();
        }
        connection.commit();
        connection.setAutoCommit(true);
      }
      return sales.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      deleteDatabase(file);
    }
  }

  private static void appendNullable(DuckDBAppender appender, String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  /** DuckDB's appender takes a DECIMAL(38, 9) only at scale 9. */
  private static BigDecimal atColumnScale(BigDecimal amount) {
    return amount.setScale(9, RoundingMode.UNNECESSARY);
  }

  private static void deleteDatabase(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(Path.of(file + ".wal"));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
