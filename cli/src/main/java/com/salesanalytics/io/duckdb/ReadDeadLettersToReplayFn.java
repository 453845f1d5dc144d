package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.DeadLetterReplayQuery;
import com.salesanalytics.io.DeadLetterReplayQuery.StoredMessage;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.model.DeadLetterSelection;
import com.salesanalytics.model.RawMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of the selected dead letters ({@link DeadLetterReplayQuery}), keyed by dead-letter
 * id and stamped with their publish time; one query, since a replay's selection is small next to a
 * backfill's range.
 */
class ReadDeadLettersToReplayFn extends DoFn<byte[], KV<String, RawMessage>> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadDeadLettersToReplayFn.class);
  private final String path;
  private final DeadLetterSelection selection;

  ReadDeadLettersToReplayFn(String path, DeadLetterSelection selection) {
    this.path = path;
    this.selection = selection;
  }

  static String sql(DeadLetterSelection selection) {
    return DeadLetterReplayQuery.sql(SalesTable.DEAD_LETTER.tableName(), SalesTable.RAW.tableName(),
        SalesTable.DEAD_LETTER_REPLAYS.tableName(), selection, t -> "TIMESTAMPTZ '" + BackfillReplace.utc(t) + "'",
        column -> "epoch_ms(" + column + ")", column -> column);
  }

  @ProcessElement
  public void process(OutputReceiver<KV<String, RawMessage>> out) throws SQLException {
    int selected = 0;
    int withoutMessage = 0;
    try (Connection connection = DuckDbDatabase.open(path).readConnection();
        Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery(sql(selection))) {
      while (rows.next()) {
        selected++;
        String messageId = rows.getString("message_id");
        RawMessage message = DeadLetterReplayQuery.messageToReplay(messageId, rows.getString("stage"),
            rows.getString("error_message"), stored(rows, "raw_"), stored(rows, "letter_"));
        if (message == null) {
          withoutMessage++;
          continue;
        }
        out.outputWithTimestamp(KV.of(rows.getString("dead_letter_id"), message), message.publishTime());
      }
    }
    LOG.info("Replaying {} dead letters; {} more have no message to re-run (see docs/operations.md)",
        selected - withoutMessage, withoutMessage);
  }

  /** One copy of the message, or null if the row has none under that prefix (no sales_raw row). */
  private static StoredMessage stored(ResultSet rows, String prefix) throws SQLException {
    String payload = rows.getString(prefix + "payload");
    if (payload == null) {
      return null;
    }
    long publishMillis = rows.getLong(prefix + "publish_time");
    Instant publishTime = rows.wasNull() ? null : new Instant(publishMillis);
    return new StoredMessage(payload, rows.getBoolean(prefix + "payload_base64"), publishTime,
        rows.getString(prefix + "attributes"));
  }
}
