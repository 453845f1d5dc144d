package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.SalesRows;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.TimeRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Replays the {@code sales_raw} rows of a publish-time range, each stamped with its publish time,
 * one part of the table's rows (a rowid range, {@link PlanPiecesFn}) at a time: read in one
 * query, a day was one bundle of a million messages; in parts, the reads run side by side and
 * the messages flow on in parts.
 */
class ReadRawFn extends DoFn<KV<Long, Long>, RawMessage> {
  /** About this many rows per part. */
  static final int ROWS_PER_PIECE = 50_000;
  /** At most this many parts, however large the range. */
  static final int MAX_PIECES = 64;

  private final String path;
  private final TimeRange range;

  ReadRawFn(String path, TimeRange range) {
    this.path = path;
    this.range = range;
  }

  /** The range's rows cut into rowid ranges [from, to) of about equal counts. */
  static final class PlanPiecesFn extends DoFn<byte[], KV<Long, Long>> {
    private final String path;
    private final TimeRange range;

    PlanPiecesFn(String path, TimeRange range) {
      this.path = path;
      this.range = range;
    }

    @ProcessElement
    public void process(OutputReceiver<KV<Long, Long>> out) throws SQLException {
      try (Connection connection = DuckDbDatabase.open(path).readConnection()) {
        pieces(connection, range, ROWS_PER_PIECE).forEach(out::output);
      }
    }
  }

  /** The rows of the range as rowid ranges [from, to) of about {@code rowsPerPiece} rows each. */
  static List<KV<Long, Long>> pieces(Connection connection, TimeRange range, int rowsPerPiece) throws SQLException {
    long rows;
    long first;
    long last;
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*), min(rowid), max(rowid)"
        + " FROM sales_raw WHERE publish_time >= ? AND publish_time < ?")) {
      bind(count, range);
      try (ResultSet r = count.executeQuery()) {
        r.next();
        rows = r.getLong(1);
        first = r.getLong(2);
        last = r.getLong(3);
      }
    }
    if (rows == 0) {
      return List.of();
    }
    List<Long> bounds = new ArrayList<>(List.of(first));
    int pieces = (int) Math.min(MAX_PIECES, (rows + rowsPerPiece - 1) / rowsPerPiece);
    if (pieces > 1) {
      StringBuilder fractions = new StringBuilder();
      for (int i = 1; i < pieces; i++) {
        fractions.append(i > 1 ? ", " : "").append((double) i / pieces);
      }
      try (PreparedStatement quantiles = connection.prepareStatement("SELECT unnest(quantile_disc(rowid, ["
          + fractions + "])) FROM sales_raw WHERE publish_time >= ? AND publish_time < ?")) {
        bind(quantiles, range);
        try (ResultSet r = quantiles.executeQuery()) {
          while (r.next()) {
            long bound = r.getLong(1);
            if (bound > bounds.get(bounds.size() - 1)) {
              bounds.add(bound);
            }
          }
        }
      }
    }
    bounds.add(last + 1);
    List<KV<Long, Long>> pieceList = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.size(); i++) {
      pieceList.add(KV.of(bounds.get(i), bounds.get(i + 1)));
    }
    return pieceList;
  }

  @ProcessElement
  public void process(@Element KV<Long, Long> rowids, OutputReceiver<RawMessage> out) throws SQLException {
    String sql = "SELECT payload, payload_base64, message_id, epoch_ms(publish_time), attributes FROM sales_raw"
        + " WHERE publish_time >= ? AND publish_time < ? AND rowid >= ? AND rowid < ?";
    try (Connection connection = DuckDbDatabase.open(path).readConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      bind(query, range);
      query.setLong(3, rowids.getKey());
      query.setLong(4, rowids.getValue());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Instant publishTime = new Instant(rows.getLong(4));
          out.outputWithTimestamp(
              SalesRows.rawMessage(rows.getString(1), rows.getBoolean(2), rows.getString(3),
                  publishTime, rows.getString(5)),
              publishTime);
        }
      }
    }
  }

  private static void bind(PreparedStatement statement, TimeRange range) throws SQLException {
    statement.setObject(1, utc(range.from()));
    statement.setObject(2, utc(range.to()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(instant.getMillis()), ZoneOffset.UTC);
  }
}
