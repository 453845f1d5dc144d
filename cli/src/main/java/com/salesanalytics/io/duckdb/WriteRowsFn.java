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
 * Writes a bundle's elements to one DuckDB table, {@link TableWriter#BATCH_ROWS} per transaction
 * and the rest when the bundle finishes, so a large bundle (a backfill's) is never held as rows.
 * Rows the table refuses come out as dead letters (stage {@code write}) when the bundle finishes;
 * where there is no {@link RefusedRow} mapping (the dead-letter table itself) a refusal fails the
 * bundle so Beam retries it rather than losing it. Rows are keyed, so the retry of a bundle whose
 * first batches were committed adds nothing twice.
 *
 * <p>Per bundle rather than through {@code GroupIntoBatches}: on the DirectRunner the latter's
 * processing-time flush does not fire downstream of a stateful step, which stalls streaming writes.
 */
class WriteRowsFn<T> extends DoFn<T, DeadLetter> {

  /** How a refused value becomes a dead letter; {@code row} is the row it was written as. */
  interface RefusedRow<T> extends Serializable {
    DeadLetter deadLetter(T value, Map<String, Object> row, String reason, Instant failedAt);
  }

  private final String duckdbPath;
  private final SalesTable table;
  private final String tableName;
  private final TableWriter.ToColumns<T> toColumns;
  private final @Nullable RefusedRow<T> refusedRow;
  private final Counter written;
  private final Counter failures = SalesMetrics.counter(SalesMetrics.WRITE_FAILURES);

  private transient TableWriter<T> writer;
  private transient List<Pending<T>> batch;
  private transient List<Pending<DeadLetter>> refused;

  WriteRowsFn(String duckdbPath, SalesTable table, TableWriter.ToColumns<T> toColumns,
      @Nullable RefusedRow<T> refusedRow, String writtenCounter) {
    this(duckdbPath, table, table.tableName(), toColumns, refusedRow, writtenCounter);
  }

  /** Writes into a table of {@code table}'s layout named {@code tableName}, created if absent. */
  WriteRowsFn(String duckdbPath, SalesTable table, String tableName, TableWriter.ToColumns<T> toColumns,
      @Nullable RefusedRow<T> refusedRow, String writtenCounter) {
    this.duckdbPath = duckdbPath;
    this.table = table;
    this.tableName = tableName;
    this.toColumns = toColumns;
    this.refusedRow = refusedRow;
    this.written = SalesMetrics.counter(writtenCounter);
  }

  /** An element with where it belongs, for the dead letter it may become. */
  private record Pending<V>(V value, Instant timestamp, BoundedWindow window) {}

  @Setup
  public void setup() throws SQLException {
    writer = new TableWriter<>(DuckDbDatabase.open(duckdbPath), table, tableName, toColumns);
  }

  @StartBundle
  public void startBundle() {
    batch = new ArrayList<>();
    refused = new ArrayList<>();
  }

  @ProcessElement
  public void process(@Element T value, @Timestamp Instant timestamp, BoundedWindow window) throws SQLException {
    batch.add(new Pending<>(value, timestamp, window));
    if (batch.size() >= TableWriter.BATCH_ROWS) {
      writeBatch();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws SQLException {
    writeBatch();
    for (Pending<DeadLetter> letter : refused) {
      context.output(letter.value(), letter.timestamp(), letter.window());
    }
    batch = null;
    refused = null;
  }

  private void writeBatch() throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    List<T> values = new ArrayList<>(batch.size());
    batch.forEach(p -> values.add(p.value()));
    Instant now = Instant.now();
    List<TableWriter.Refused> refusedRows = writer.write(values, now);
    written.inc(values.size() - refusedRows.size());
    if (!refusedRows.isEmpty() && refusedRow == null) {
      throw new SQLException(tableName + " refused " + refusedRows.size() + " rows, first: "
          + refusedRows.get(0).reason());
    }
    for (TableWriter.Refused r : refusedRows) {
      failures.inc();
      Pending<T> p = batch.get(r.index());
      Map<String, Object> row = table.row(toColumns.values(p.value(), now));
      refused.add(new Pending<>(refusedRow.deadLetter(p.value(), row, r.reason(), now), p.timestamp(), p.window()));
    }
    batch.clear();
  }

  @Teardown
  public void teardown() {
    if (writer != null) {
      writer.close();
    }
  }
}
