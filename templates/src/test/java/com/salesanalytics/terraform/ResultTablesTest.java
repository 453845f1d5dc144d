package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.salesanalytics.io.SalesTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tables whose rows the pipelines replace by key (the Storage Write API's CDC upserts) as
 * BigQuery needs them: a primary key, the very key the Java writes by, and nothing CDC refuses
 * (https://cloud.google.com/bigquery/docs/change-data-capture, "Prerequisites" and "Limitations").
 */
class ResultTablesTest {
  private static Terraform.Block tables() {
    return Terraform.resources("google_bigquery_table").stream()
        .filter(b -> b.name().equals("sales")).findFirst().orElseThrow();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void everyLatestResultTableDeclaresTheJavaRowKeyAsPrimaryKeyAndAppendTablesDeclareNone() {
    // CDC upserts need a primary key; on an append table an unenforced key would be a promise the
    // at-least-once write mode breaks (BigQuery's planner may rely on it), so those declare none.
    for (SalesTable table : SalesTable.values()) {
      JsonNode declared = Terraform.local("tables").get(table.tableName());
      assertNotNull(declared.get("primary_key"), table.tableName() + " has no primary_key entry in local.tables");
      List<String> expected = table.writes() == SalesTable.Writes.LATEST_RESULT ? table.rowKey() : List.of();
      assertEquals(expected, strings(declared.get("primary_key")), table.tableName());
    }
  }

  @Test
  void theTableResourceTurnsThePrimaryKeyEntryIntoTableConstraints() {
    JsonNode dynamic = tables().body().path("dynamic").path("table_constraints");
    assertFalse(dynamic.isMissingNode(), "google_bigquery_table.sales has no dynamic table_constraints block");
    JsonNode block = dynamic.get(0);
    assertEquals("${length(each.value.primary_key) > 0 ? [each.value.primary_key] : []}", block.get("for_each").asText());
    JsonNode primaryKey = block.get("content").get(0).get("primary_key").get(0);
    assertEquals("${table_constraints.value}", primaryKey.get("columns").asText());
  }

  @Test
  void primaryKeysNameRequiredColumnsOfTheSchemaAndAtMostSixteen() {
    for (SalesTable table : SalesTable.values()) {
      List<String> key = strings(Terraform.local("tables").get(table.tableName()).path("primary_key"));
      assertTrue(key.size() <= 16, table.tableName() + ": BigQuery CDC allows at most 16 key columns");
      for (String column : key) {
        TableFieldSchema field = table.fields().stream().filter(f -> f.getName().equals(column)).findFirst()
            .orElseThrow(() -> new AssertionError(table.tableName() + " has no column " + column));
        assertEquals("REQUIRED", field.getMode(), table.tableName() + "." + column + " is a key column");
      }
    }
  }

  @Test
  void keyedTablesGetTheConfiguredMaxStalenessAndNoTableRequiresAPartitionFilter() {
    // A runtime merge (a query older than max_staleness allows) cannot honour requirePartitionFilter;
    // every table is created by the same resource, so none sets it.
    Terraform.Block tables = tables();
    assertEquals("${length(each.value.primary_key) > 0 ? local.result_max_staleness : null}",
        tables.text("max_staleness"));
    assertFalse(tables.body().has("require_partition_filter"));
    assertFalse(tables.body().get("time_partitioning").get(0).has("require_partition_filter"));
    String staleness = Terraform.local("result_max_staleness").asText();
    assertTrue(staleness.contains("var.result_tables_max_staleness_minutes"), staleness);
  }

  @Test
  void theStreamCleanAndBackfillAccountsMayUpsertIntoTheResultTables() {
    // CDC upserts go through the Storage Write API, which needs bigquery.tables.updateData
    // (BigQuery Data Editor, per the CDC page); BigQueryIO's CREATE_IF_NEEDED needs
    // bigquery.tables.create, which exists only on the dataset, so the grant is there and covers
    // every table in it, the result tables included.
    String writers = Terraform.local("bigquery_writers").asText();
    for (String account : List.of("sales-stream-clean", "sales-backfill")) {
      assertTrue(writers.contains("\"" + account + "\""), account + " is not among local.bigquery_writers: " + writers);
    }
    Terraform.Block grant = Terraform.resources("google_bigquery_dataset_iam_member").stream()
        .filter(b -> b.name().equals("pipeline_data")).findFirst().orElseThrow();
    assertEquals("${local.bigquery_writers}", grant.text("for_each"));
    assertEquals("${google_bigquery_dataset.sales.dataset_id}", grant.text("dataset_id"));
    assertEquals("roles/bigquery.dataEditor", grant.text("role"));
    assertEquals("${local.pipeline_members[each.key]}", grant.text("member"));
  }

  /**
   * BigQueryIO's dynamic read leaves its query results behind: the backfill puts them in the
   * dataset Terraform creates for them, whose tables expire, and only the backfill may write there.
   */
  @Test
  void theBackfillsQueryResultsGoToADatasetWhoseTablesExpire() {
    Terraform.Block dataset = Terraform.resources("google_bigquery_dataset").stream()
        .filter(d -> d.name().equals("backfill_tmp")).findFirst().orElseThrow();
    assertEquals("${google_bigquery_dataset.sales.dataset_id}_tmp", dataset.text("dataset_id"));
    assertEquals(com.salesanalytics.io.bigquery.BigQueryWarehouse.queryResultsDataset(
        new com.salesanalytics.io.bigquery.BigQueryTarget("p", "sales_data")), "sales_data_tmp");
    assertEquals("86400000", dataset.text("default_table_expiration_ms"));
    List<Terraform.Block> grants = Terraform.resources("google_bigquery_dataset_iam_member").stream()
        .filter(g -> g.text("dataset_id").equals("${google_bigquery_dataset.backfill_tmp.dataset_id}")).toList();
    // The two pipelines that read query results back: the backfill and the dead-letter replay.
    assertEquals(List.of("${local.pipeline_members[\"sales-backfill\"]}",
            "${local.pipeline_members[\"sales-replay-dead-letters\"]}"),
        grants.stream().map(g -> g.text("member")).sorted().toList());
  }
}
