package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.SalesTable;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.transforms.SalesMetrics;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Buffers a bundle's elements and writes them to one DuckDB table in one transaction when the
 * bundle finishes. Rows the table refuses come out as dead letters (stage {@code write}); where
 * there is no {@link RefusedRow} mapping (the dead-letter table itself) a refusal fails the bundle
 * so Beam retries it rather than losing it. Rows are keyed, so the retry adds nothing twice.
 *
 * <p>Per bundle rather than through {@code GroupIntoBatches}: on the DirectRunner the latter's
 * processing-time flush does not fire downstream of a stateful step, which stalls streaming writes.
 */
class WriteRowsFn<T> extends DoFn<T, DeadLetter> {

  /** How a value becomes a row; {@code writtenAt} stamps ingested_at / processed_at. */
  interface ToRow<T> extends Serializable {
    Map<String, Object> row(T value, Instant writtenAt);
  }

  /** How a refused value becomes a dead letter. */
  interface RefusedRow<T> extends Serializable {
    DeadLetter deadLetter(T value, Map<String, Object> row, String reason, Instant failedAt);
  }

  private final String duckdbPath;
  private final SalesTable table;
  private final String tableName;
  private final ToRow<T> toRow;
  private final @Nullable RefusedRow<T> refusedRow;
  private final Counter written;
  private final Counter failures = SalesMetrics.counter(SalesMetrics.WRITE_FAILURES);

  private transient DuckDbDatabase db;
  private transient TableWriter writer;
  private transient List<Buffered<T>> buffer;

  WriteRowsFn(String duckdbPath, SalesTable table, ToRow<T> toRow,
      @Nullable RefusedRow<T> refusedRow, String writtenCounter) {
    this(duckdbPath, table, table.tableName(), toRow, refusedRow, writtenCounter);
  }

  /** Writes into a table of {@code table}'s layout named {@code tableName}, created if absent. */
  WriteRowsFn(String duckdbPath, SalesTable table, String tableName, ToRow<T> toRow,
      @Nullable RefusedRow<T> refusedRow, String writtenCounter) {
    this.duckdbPath = duckdbPath;
    this.table = table;
    this.tableName = tableName;
    this.toRow = toRow;
    this.refusedRow = refusedRow;
    this.written = SalesMetrics.counter(writtenCounter);
  }

  private record Buffered<T>(T value, Map<String, Object> row, Instant timestamp, BoundedWindow window) {}

  @Setup
  public void setup() {
    db = DuckDbDatabase.open(duckdbPath);
    writer = new TableWriter(table, tableName);
  }

  @StartBundle
  public void startBundle() {
    buffer = new ArrayList<>();
  }

  @ProcessElement
  public void process(@Element T value, @Timestamp Instant timestamp, BoundedWindow window) {
    buffer.add(new Buffered<>(value, toRow.row(value, Instant.now()), timestamp, window));
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws SQLException {
    List<Map<String, Object>> rows = buffer.stream().map(Buffered::row).toList();
    List<TableWriter.Refused> refused = writer.write(db, rows);
    written.inc(rows.size() - refused.size());
    if (!refused.isEmpty() && refusedRow == null) {
      throw new SQLException(tableName + " refused " + refused.size() + " rows, first: "
          + refused.get(0).reason());
    }
    Instant now = Instant.now();
    for (TableWriter.Refused r : refused) {
      failures.inc();
      Buffered<T> b = buffer.get(r.index());
      context.output(refusedRow.deadLetter(b.value(), b.row(), r.reason(), now), b.timestamp(), b.window());
    }
    buffer = null;
  }
}
