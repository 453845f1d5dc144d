package com.salesanalytics.io;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.salesanalytics.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * How a backfill's result replaces what {@code sales_cleaned} holds for its sales, the same on
 * BigQuery and DuckDB. The result (one row per transaction_id, the first delivery the backfill saw)
 * is first loaded into a staging table; then, in one transaction:
 *
 * <ol>
 *   <li>(a range of {@code sales_raw}) an id whose stored rows include a delivery published
 *       <em>before</em> the range belongs to that earlier range: only its rows published in this
 *       range are deleted (a redelivery across midnight), so adjacent ranges never swap copies;
 *   <li>any other id is <em>changed</em> unless the target holds exactly one row for it and that row
 *       equals the result in every column but {@code processed_at}; every row of a changed id is
 *       deleted (late redeliveries, stale values) and the result's row inserted;
 *   <li>(a range of {@code sales_raw}) rows cleaned from a message published in the range whose id
 *       the result no longer has (the message no longer validates) are deleted.
 * </ol>
 *
 * Unchanged rows are not touched, so running the same backfill again changes nothing, not even
 * {@code processed_at}. The target is only read and written between the earliest and latest event
 * time of the result ({@code lo}, {@code hi}): copies of a sale share its event time, so that covers
 * them, and on BigQuery it limits the work to those days' partitions. It also bounds step 3 and
 * steps 1-2 to those days: a stored row whose event time lies outside them (a release that read
 * event times differently) is not seen (docs/event-contract.md, "Duplicates").
 * Replaying whole files has no publish range: steps 1 and 3 are left out.
 */
public final class BackfillReplace {
  private static final String CHANGED = "backfill_changed_ids";
  private static final String SETTLED = "backfill_settled_ids";

  private BackfillReplace() {}

  /** The statements, in order, to run in one transaction; {@code lo}/{@code hi} are SQL expressions. */
  static List<String> statements(String target, String staging, List<TableFieldSchema> fields,
      @Nullable TimeRange publishRange, String lo, String hi, Function<Instant, String> timestamp) {
    List<String> columns = fields.stream().map(TableFieldSchema::getName).toList();
    String equal = columns.stream()
        .filter(c -> !c.equals("processed_at") && !c.equals("transaction_id"))
        .map(c -> "T." + c + " IS NOT DISTINCT FROM S." + c)
        .collect(Collectors.joining(" AND "));
    String window = "T.event_timestamp BETWEEN " + lo + " AND " + hi;
    String columnList = String.join(", ", columns);
    List<String> statements = new ArrayList<>();
    String notSettled = "";
    if (publishRange != null) {
      String from = timestamp.apply(publishRange.from());
      statements.add("CREATE TEMP TABLE " + SETTLED + " AS SELECT DISTINCT T.transaction_id FROM " + target + " AS T"
          + " JOIN " + staging + " AS S ON T.transaction_id = S.transaction_id"
          + " WHERE " + window + " AND T.publish_time < " + from);
      statements.add("DELETE FROM " + target + " AS T WHERE " + window + " AND T.publish_time >= " + from
          + " AND T.transaction_id IN (SELECT transaction_id FROM " + SETTLED + ")");
      notSettled = " WHERE S.transaction_id NOT IN (SELECT transaction_id FROM " + SETTLED + ")";
    }
    statements.add("CREATE TEMP TABLE " + CHANGED + " AS SELECT S.transaction_id FROM " + staging + " AS S"
        + " LEFT JOIN " + target + " AS T ON T.transaction_id = S.transaction_id AND " + window
        + notSettled
        + " GROUP BY S.transaction_id"
        + " HAVING COUNT(T.transaction_id) <> 1 OR SUM(CASE WHEN " + equal + " THEN 1 ELSE 0 END) <> 1");
    statements.add("DELETE FROM " + target + " AS T WHERE " + window
        + " AND T.transaction_id IN (SELECT transaction_id FROM " + CHANGED + ")");
    statements.add("INSERT INTO " + target + " (" + columnList + ") SELECT " + columnList + " FROM " + staging
        + " WHERE transaction_id IN (SELECT transaction_id FROM " + CHANGED + ")");
    if (publishRange != null) {
      statements.add("DELETE FROM " + target + " AS T WHERE " + window
          + " AND T.publish_time >= " + timestamp.apply(publishRange.from())
          + " AND T.publish_time < " + timestamp.apply(publishRange.to())
          + " AND T.transaction_id NOT IN (SELECT transaction_id FROM " + staging + ")");
      statements.add("DROP TABLE " + SETTLED);
    }
    statements.add("DROP TABLE " + CHANGED);
    return statements;
  }

  /**
   * One BigQuery script: the bounds as script variables (a constant to the query planner, so the
   * partitions outside them are not read), the statements in a transaction that is rolled back if
   * any of them fails.
   */
  public static String bigQueryScript(String target, String staging, List<TableFieldSchema> fields,
      @Nullable TimeRange publishRange) {
    StringBuilder script = new StringBuilder()
        .append(declareBounds(staging))
        .append("BEGIN\n  BEGIN TRANSACTION;\n");
    for (String statement : statements(target, staging, fields, publishRange, "lo", "hi",
        t -> "TIMESTAMP '" + utc(t) + "'")) {
      script.append("  ").append(statement).append(";\n");
    }
    return script
        .append("  COMMIT TRANSACTION;\n")
        .append("EXCEPTION WHEN ERROR THEN\n  ROLLBACK TRANSACTION;\n  RAISE USING MESSAGE = @@error.message;\nEND;\n")
        .toString();
  }

  /**
   * Script variables {@code lo}/{@code hi}: the staged rows' earliest and latest event time, a
   * constant to the query planner, so the target's partitions outside them are not read.
   */
  private static String declareBounds(String staging) {
    return "DECLARE lo TIMESTAMP DEFAULT (SELECT MIN(event_timestamp) FROM " + staging + ");\n"
        + "DECLARE hi TIMESTAMP DEFAULT (SELECT MAX(event_timestamp) FROM " + staging + ");\n";
  }

  /** The statements for DuckDB, whose planner needs no constants: the bounds as subqueries. */
  public static List<String> duckDbStatements(String target, String staging, List<TableFieldSchema> fields,
      @Nullable TimeRange publishRange) {
    return statements(target, staging, fields, publishRange,
        "(SELECT MIN(event_timestamp) FROM " + staging + ")", "(SELECT MAX(event_timestamp) FROM " + staging + ")",
        t -> "TIMESTAMPTZ '" + utc(t) + "'");
  }

  /**
   * Adds the staged dead letters that are not recorded yet: the same failure of the same message
   * has the same {@code dead_letter_id}, so a re-run backfill adds none, nor any that streaming
   * recorded when the message first arrived. Any dead letter of a message published in the range
   * failed after the range began, which bounds the partitions read. {@code parseJson}: the staging
   * table holds JSON columns as text (BigQuery loads them so), parsed on the way in.
   */
  public static String newDeadLettersSql(String deadLetters, String staging, List<TableFieldSchema> fields,
      @Nullable TimeRange publishRange, boolean bigQuery) {
    String since = publishRange == null ? ""
        : " T.failed_at >= " + (bigQuery ? "TIMESTAMP '" : "TIMESTAMPTZ '") + utc(publishRange.from()) + "' AND";
    return insertMissingSql(deadLetters, staging, fields, List.of("dead_letter_id"), since, "failed_at", bigQuery);
  }

  /**
   * Adds the staged replay outcomes that are not recorded yet (one row per attempt id, see
   * {@code DeadLetterReplay#attemptId}): replaying again adds none.
   */
  public static String newReplaysSql(String replays, String staging, List<TableFieldSchema> fields, boolean bigQuery) {
    return insertMissingSql(replays, staging, fields, List.of("attempt_id"), "", "replayed_at", bigQuery);
  }

  /**
   * One BigQuery script adding the staged sale lines whose delivery and line are not in
   * {@code sales_line_items} yet (streaming wrote them, or an earlier run): a re-run adds none.
   * Copies of a sale share its event time, so the staged lines' event times bound the partitions read.
   */
  public static String newLineItemsScript(String lineItems, String staging, List<TableFieldSchema> fields) {
    return declareBounds(staging) + insertMissingSql(lineItems, staging, fields, List.of("message_id", "line_number"),
            " T.event_timestamp BETWEEN lo AND hi AND", "processed_at", true) + ";\n";
  }

  /**
   * Inserts the staged rows whose key the target does not hold, one per key (the earliest by
   * {@code first}); {@code bound} (a condition on the target row T, ending in AND, or empty) limits
   * what of the target is read.
   */
  private static String insertMissingSql(String target, String staging, List<TableFieldSchema> fields,
      List<String> key, String bound, String first, boolean bigQuery) {
    String columns = fields.stream().map(TableFieldSchema::getName).collect(Collectors.joining(", "));
    String values = fields.stream()
        .map(f -> bigQuery && "JSON".equals(f.getType()) ? "PARSE_JSON(S." + f.getName() + ")" : "S." + f.getName())
        .collect(Collectors.joining(", "));
    String sameKey = key.stream().map(k -> "T." + k + " = S." + k).collect(Collectors.joining(" AND "));
    String keyList = key.stream().map(k -> "S." + k).collect(Collectors.joining(", "));
    // A message stored twice in sales_raw is staged twice with one key: one row of the staged copies.
    return "INSERT INTO " + target + " (" + columns + ") SELECT " + values + " FROM " + staging + " AS S"
        + " WHERE NOT EXISTS (SELECT 1 FROM " + target + " AS T WHERE" + bound + " " + sameKey + ")"
        + " QUALIFY ROW_NUMBER() OVER (PARTITION BY " + keyList + " ORDER BY S." + first + ") = 1";
  }

  /** One staging table per range (or for files), so a re-run of the same range overwrites its own staging. */
  public static String stagingTableName(String targetTable, @Nullable TimeRange publishRange) {
    return targetTable + "_backfill_"
        + (publishRange == null ? "files" : compact(publishRange.from()) + "_" + compact(publishRange.to()));
  }

  /** An instant as both dialects read it, with its offset: {@code 2026-11-24 00:00:00.000+00:00}. */
  public static String utc(Instant instant) {
    return instant.toString().replace('T', ' ').replace("Z", "+00:00");
  }

  private static String compact(Instant instant) {
    return instant.toString().replaceAll("[^0-9]", "");
  }
}
