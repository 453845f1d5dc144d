package com.salesanalytics.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The three tables and their layout. Column definitions live once, in
 * {@code src/main/resources/bigquery/<table>.json} (BigQuery's JSON schema format), read by the
 * BigQuery sinks, the DuckDB DDL and Terraform alike.
 */
public enum SalesTable {
  RAW("sales_raw", "publish_time", List.of("store_id"), "message_id"),
  CLEANED("sales_cleaned", "event_timestamp", List.of("store_id"), "message_id"),
  DEAD_LETTER("sales_dead_letter", "failed_at", List.of("error_code"), "dead_letter_id");

  /** The view every reader of sales uses: one row per transaction_id (see its SQL file). */
  public static final String CLEANED_UNIQUE_VIEW = "sales_cleaned_unique";

  private final String tableName;
  private final String partitionField;
  private final List<String> clusteringFields;
  private final String rowKey;
  private volatile List<TableFieldSchema> fields;

  SalesTable(String tableName, String partitionField, List<String> clusteringFields, String rowKey) {
    this.tableName = tableName;
    this.partitionField = partitionField;
    this.clusteringFields = clusteringFields;
    this.rowKey = rowKey;
  }

  /**
   * The column that identifies a row, so that writing the same row twice (a retried bundle) keeps
   * one: a message for the raw table, the delivery a cleaned row came from, the failure of a dead letter.
   */
  public String rowKey() {
    return rowKey;
  }

  /**
   * The SELECT of {@link #CLEANED_UNIQUE_VIEW}, reading {@code cleanedTable} (a qualified name on
   * BigQuery, where Terraform fills the same file in).
   */
  public static String cleanedUniqueSql(String cleanedTable) {
    try (InputStream in = SalesTable.class.getResourceAsStream("/bigquery/" + CLEANED_UNIQUE_VIEW + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("view definition " + CLEANED_UNIQUE_VIEW + ".sql is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("${sales_cleaned}", cleanedTable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read view " + CLEANED_UNIQUE_VIEW, e);
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
