package com.salesanalytics.io;

import com.salesanalytics.model.DeadLetterSelection;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.Stage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * How a replay finds the messages of the dead letters it selects, the same on BigQuery and DuckDB:
 * one query lists each selected dead letter (once, however often it was recorded) that no replay has
 * passed yet, with its own copy of the message and, found by message id, the copy in
 * {@code sales_raw}; {@link #messageToReplay} then picks the copy to re-run.
 */
public final class DeadLetterReplayQuery {
  private DeadLetterReplayQuery() {}

  /**
   * The query. {@code timestamp} writes a literal; {@code readTimestamp} and {@code readJson} the
   * expressions a reader wants a TIMESTAMP or JSON column as. Columns: dead_letter_id, message_id,
   * stage, error_message, then letter_ and raw_ payload, payload_base64, publish_time, attributes
   * (the raw_ ones null when sales_raw lacks the message).
   */
  public static String sql(String deadLetters, String raw, String replays, DeadLetterSelection selection,
      Function<Instant, String> timestamp, Function<String, String> readTimestamp, Function<String, String> readJson) {
    String codes = selection.errorCodes().stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(", "));
    String selected = "SELECT * FROM " + deadLetters
        + " WHERE failed_at >= " + timestamp.apply(selection.failedRange().from())
        + " AND failed_at < " + timestamp.apply(selection.failedRange().to())
        + " AND error_code IN (" + codes + ") AND message_id IS NOT NULL"
        // At-least-once writes may have recorded a dead letter twice: one of them.
        + " QUALIFY ROW_NUMBER() OVER (PARTITION BY dead_letter_id ORDER BY failed_at) = 1";
    String rawCopies = "SELECT * FROM " + raw
        + " WHERE message_id IN (SELECT message_id FROM (" + selected + "))"
        + " QUALIFY ROW_NUMBER() OVER (PARTITION BY message_id ORDER BY ingested_at) = 1";
    return "SELECT D.dead_letter_id, D.message_id, D.stage, D.error_message,"
        + " D.payload AS letter_payload, D.payload_base64 AS letter_payload_base64, "
        + readTimestamp.apply("D.publish_time") + " AS letter_publish_time, "
        + readJson.apply("D.attributes") + " AS letter_attributes,"
        + " R.payload AS raw_payload, R.payload_base64 AS raw_payload_base64, "
        + readTimestamp.apply("R.publish_time") + " AS raw_publish_time, "
        + readJson.apply("R.attributes") + " AS raw_attributes"
        + " FROM (" + selected + ") AS D LEFT JOIN (" + rawCopies + ") AS R ON R.message_id = D.message_id"
        + " WHERE NOT EXISTS (SELECT 1 FROM " + replays + " AS P WHERE P.dead_letter_id = D.dead_letter_id"
        + " AND P.outcome = 'passed')";
  }

  /** A copy of a message as a row stores it (see {@link SalesRows#rawMessage}). */
  public record StoredMessage(@Nullable String payload, boolean base64, @Nullable Instant publishTime,
      @Nullable String attributesJson) {}

  /**
   * The message to re-run for a dead letter, or null when there is none to re-run: the copy in
   * {@code sales_raw} when there is one (always whole, and the copy the backfill replays); else the
   * dead letter's own payload when that is the original message, whole: a parse or validate failure,
   * or a message {@code sales_raw} itself refused, whose payload was not cut. A refused derived row
   * (a sales_cleaned or line row) holds that row, not the message: without sales_raw's copy it
   * cannot be re-run.
   */
  public static @Nullable RawMessage messageToReplay(String messageId, String stage, String errorMessage,
      @Nullable StoredMessage raw, StoredMessage letter) {
    if (raw != null && raw.payload() != null && raw.publishTime() != null) {
      return SalesRows.rawMessage(raw.payload(), raw.base64(), messageId, raw.publishTime(), raw.attributesJson());
    }
    boolean original = !Stage.WRITE.columnValue().equals(stage) || errorMessage.startsWith(RefusedRows.RAW_REFUSED);
    boolean whole = !errorMessage.contains(SalesRows.TRUNCATED_PAYLOAD_MARK);
    if (original && whole && letter.payload() != null && letter.publishTime() != null) {
      return SalesRows.rawMessage(letter.payload(), letter.base64(), messageId, letter.publishTime(),
          letter.attributesJson());
    }
    return null;
  }
}
