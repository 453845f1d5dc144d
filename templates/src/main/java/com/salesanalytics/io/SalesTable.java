package com.salesanalytics.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables and their layout. Column definitions live once, in
 * {@code src/main/resources/bigquery/<table>.json} (BigQuery's JSON schema format), read by the
 * BigQuery sinks, the DuckDB DDL and Terraform alike.
 */
public enum SalesTable {
  RAW("sales_raw", "publish_time", List.of("store_id"), List.of("message_id"), Writes.APPEND),
  CLEANED("sales_cleaned", "event_timestamp", List.of("store_id"), List.of("message_id"), Writes.APPEND),
  DEAD_LETTER("sales_dead_letter", "failed_at", List.of("error_code"), List.of("dead_letter_id"), Writes.APPEND),
  LINE_ITEMS("sales_line_items", "event_timestamp", List.of("store_id", "product_id"),
      List.of("message_id", "line_number"), Writes.APPEND),
  STORE_KPIS("sales_store_kpis", "window_start", List.of("store_id"),
      List.of("store_id", "window_start", "currency"), Writes.LATEST_RESULT),
  PIPELINE_HEALTH("sales_pipeline_health", "window_start", List.of(),
      List.of("window_start"), Writes.LATEST_RESULT),
  DEAD_LETTER_REPLAYS("sales_dead_letter_replays", "replayed_at", List.of("dead_letter_id"),
      List.of("attempt_id"), Writes.APPEND);

  /** How rows reach a table. */
  public enum Writes {
    /** Rows are added; a row whose key is there already (a retried write) is not added again. */
    APPEND,
    /**
     * One row per key holds the latest result of a window: a newer result (later {@code updated_at},
     * then higher {@code pane_index}) replaces it, an older one arriving late changes nothing.
     */
    LATEST_RESULT
  }

  /** The view every reader of sales uses: one row per transaction_id (see its SQL file). */
  public static final String CLEANED_UNIQUE_VIEW = "sales_cleaned_unique";

  private final String tableName;
  private final String partitionField;
  private final List<String> clusteringFields;
  private final List<String> rowKey;
  private final Writes writes;
  private volatile List<TableFieldSchema> fields;

  SalesTable(String tableName, String partitionField, List<String> clusteringFields, List<String> rowKey,
      Writes writes) {
    this.tableName = tableName;
    this.partitionField = partitionField;
    this.clusteringFields = clusteringFields;
    this.rowKey = rowKey;
    this.writes = writes;
  }

  /**
   * The column that identifies a row, so that writing the same row twice (a retried bundle) keeps
   * one: a message for the raw table, the delivery a cleaned row came from, the failure of a dead
   * letter, a delivery's line, a dead letter's replay outcome; for result tables, the window whose latest result the row holds.
   */
  public List<String> rowKey() {
    return rowKey;
  }

  public Writes writes() {
    return writes;
  }

  /**
   * The SELECT of {@link #CLEANED_UNIQUE_VIEW}, reading {@code cleanedTable} (a qualified name on
   * BigQuery, where Terraform fills the same file in).
   */
  public static String cleanedUniqueSql(String cleanedTable) {
    return viewSql(CLEANED_UNIQUE_VIEW, Map.of("sales_cleaned", cleanedTable));
  }

  /** The view every reader of lines uses: one row per transaction and line (see its SQL file). */
  public static final String LINE_ITEMS_UNIQUE_VIEW = "sales_line_items_unique";

  /** The SELECT of {@link #LINE_ITEMS_UNIQUE_VIEW}, reading the named tables (qualified on BigQuery). */
  public static String lineItemsUniqueSql(String lineItemsTable, String cleanedUniqueView) {
    return viewSql(LINE_ITEMS_UNIQUE_VIEW,
        Map.of("sales_line_items", lineItemsTable, "sales_cleaned_unique", cleanedUniqueView));
  }

  /** A shared view file with its ${table} placeholders filled in. */
  private static String viewSql(String view, Map<String, String> tables) {
    try (InputStream in = SalesTable.class.getResourceAsStream("/bigquery/" + view + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("view definition " + view + ".sql is missing from the jar");
      }
      String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      for (Map.Entry<String, String> table : tables.entrySet()) {
        sql = sql.replace("${" + table.getKey() + "}", table.getValue());
      }
      return sql;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read view " + view, e);
    }
  }

  public String tableName() {
    return tableName;
  }

  /** Day partitions on this column. */
  public String partitionField() {
    return partitionField;
  }

  public List<String> clusteringFields() {
    return clusteringFields;
  }

  public String schemaResource() {
    return "/bigquery/" + tableName + ".json";
  }

  public List<TableFieldSchema> fields() {
    if (fields == null) {
      fields = readFields(schemaResource());
    }
    return fields;
  }

  /**
   * The row of these column values, given in the table's column order (the order of its schema
   * file): the one place a row's values are paired with column names.
   */
  public Map<String, Object> row(Object... values) {
    List<TableFieldSchema> columns = fields();
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(tableName + " has " + columns.size() + " columns, got " + values.length + " values");
    }
    // Sized for every column at the default load factor, so that filling it never rehashes.
    Map<String, Object> row = new LinkedHashMap<>(values.length * 4 / 3 + 1);
    for (int i = 0; i < values.length; i++) {
      row.put(columns.get(i).getName(), values[i]);
    }
    return row;
  }

  /** The values of a row in the table's column order (null for a column the row lacks). */
  public Object[] values(Map<String, Object> row) {
    List<TableFieldSchema> columns = fields();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(columns.get(i).getName());
    }
    return values;
  }

  public TableSchema schema() {
    return new TableSchema().setFields(fields());
  }

  private static List<TableFieldSchema> readFields(String resource) {
    try (InputStream in = SalesTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + resource + " is missing from the jar");
      }
      List<Map<String, Object>> columns = new ObjectMapper().readValue(in, new TypeReference<>() {});
      return columns.stream()
          .map(c -> new TableFieldSchema()
              .setName((String) c.get("name"))
              .setType((String) c.get("type"))
              .setMode((String) c.getOrDefault("mode", "NULLABLE"))
              .setDescription((String) c.get("description")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }
}
