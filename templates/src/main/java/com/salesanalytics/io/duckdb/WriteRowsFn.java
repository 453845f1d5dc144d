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
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Writes one batch of elements to one DuckDB table in one transaction. Rows the table refuses come
 * out as dead letters (stage {@code write}); where there is no {@link RefusedRow} mapping (the
 * dead-letter table itself) a refusal fails the batch so Beam retries it rather than losing it.
 */
class WriteRowsFn<T> extends DoFn<KV<Integer, Iterable<T>>, DeadLetter> {

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
  private final boolean upsert;
  private final ToRow<T> toRow;
  private final @Nullable RefusedRow<T> refusedRow;
  private final Counter written;
  private final Counter failures = SalesMetrics.counter(SalesMetrics.WRITE_FAILURES);

  private transient DuckDbDatabase db;
  private transient TableWriter writer;

  WriteRowsFn(String duckdbPath, SalesTable table, boolean upsert, ToRow<T> toRow,
      @Nullable RefusedRow<T> refusedRow, String writtenCounter) {
    this.duckdbPath = duckdbPath;
    this.table = table;
    this.upsert = upsert;
    this.toRow = toRow;
    this.refusedRow = refusedRow;
    this.written = SalesMetrics.counter(writtenCounter);
  }

  @Setup
  public void setup() {
    db = DuckDbDatabase.open(duckdbPath);
    writer = new TableWriter(table, upsert);
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<T>> batch, OutputReceiver<DeadLetter> out) throws SQLException {
    Instant now = Instant.now();
    List<T> values = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (T value : batch.getValue()) {
      values.add(value);
      rows.add(toRow.row(value, now));
    }
    List<TableWriter.Refused> refused = writer.write(db, rows);
    written.inc(rows.size() - refused.size());
    if (refused.isEmpty()) {
      return;
    }
    if (refusedRow == null) {
      throw new SQLException(table.tableName() + " refused " + refused.size() + " rows, first: "
          + refused.get(0).reason());
    }
    for (TableWriter.Refused r : refused) {
      failures.inc();
      out.output(refusedRow.deadLetter(values.get(r.index()), rows.get(r.index()), r.reason(), now));
    }
  }
}
