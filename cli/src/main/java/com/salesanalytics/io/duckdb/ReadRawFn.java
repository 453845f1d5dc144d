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
import org.apache.beam.sdk.transforms.DoFn;
import org.joda.time.Instant;

/** Replays the {@code sales_raw} rows of a publish-time range, each stamped with its publish time. */
class ReadRawFn extends DoFn<byte[], RawMessage> {
  private final String path;
  private final TimeRange range;

  ReadRawFn(String path, TimeRange range) {
    this.path = path;
    this.range = range;
  }

  @ProcessElement
  public void process(OutputReceiver<RawMessage> out) throws SQLException {
    String sql = "SELECT payload, payload_base64, message_id, epoch_ms(publish_time), attributes"
        + " FROM sales_raw WHERE publish_time >= ? AND publish_time < ? ORDER BY publish_time";
    try (Connection connection = DuckDbDatabase.open(path).readConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, utc(range.from()));
      query.setObject(2, utc(range.to()));
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

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(instant.getMillis()), ZoneOffset.UTC);
  }
}
