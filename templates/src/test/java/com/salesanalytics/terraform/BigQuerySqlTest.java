package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedCreateStatementEnums.CreateMode;
import com.google.zetasql.resolvedast.ResolvedCreateStatementEnums.CreateScope;
import com.google.zetasql.toolkit.ZetaSQLToolkitAnalyzer;
import com.google.zetasql.toolkit.catalog.bigquery.BigQueryCatalog;
import com.google.zetasql.toolkit.catalog.io.CatalogResources;
import com.google.zetasql.toolkit.options.BigQueryLanguageOptions;
import com.salesanalytics.io.BackfillReplace;
import com.salesanalytics.io.SalesTable;
import com.salesanalytics.io.bigquery.BigQueryWarehouse;
import com.salesanalytics.model.TimeRange;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement the project sends to BigQuery, analysed by ZetaSQL (BigQuery's SQL front end)
 * against the tables the schema files define: the Terraform views as Terraform renders them, and
 * the backfill's script and dead-letter insert. A statement BigQuery would reject fails here with
 * ZetaSQL's message.
 */
class BigQuerySqlTest {
  private static final String PROJECT = "retail-analytics-prod";
  private static final String DATASET = "sales_data";
  private static final TimeRange DAY =
      new TimeRange(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));

  /** A catalog with the three tables, and any more tables (staging, views) by name and columns. */
  private static BigQueryCatalog catalog(Map<String, List<TableFieldSchema>> extraTables) {
    BigQueryCatalog catalog = BigQueryCatalog.usingResources(PROJECT,
        new CatalogResources(List.of(), List.of(), List.of(), List.of()));
    Map<String, List<TableFieldSchema>> tables = new TreeMap<>(extraTables);
    for (SalesTable table : SalesTable.values()) {
      tables.put(table.tableName(), table.fields());
    }
    tables.forEach((name, fields) -> {
      String fullName = PROJECT + "." + DATASET + "." + name;
      List<SimpleColumn> columns = new ArrayList<>();
      for (TableFieldSchema field : fields) {
        columns.add(new SimpleColumn(fullName, field.getName(), type(field.getType())));
      }
      catalog.register(new SimpleTable(fullName, columns), CreateMode.CREATE_DEFAULT, CreateScope.CREATE_DEFAULT_SCOPE);
    });
    return catalog;
  }

  private static Type type(String bigQueryType) {
    return TypeFactory.createSimpleType(switch (bigQueryType) {
      case "STRING" -> TypeKind.TYPE_STRING;
      case "TIMESTAMP" -> TypeKind.TYPE_TIMESTAMP;
      case "NUMERIC" -> TypeKind.TYPE_NUMERIC;
      case "INTEGER", "INT64" -> TypeKind.TYPE_INT64;
      case "BOOLEAN", "BOOL" -> TypeKind.TYPE_BOOL;
      case "JSON" -> TypeKind.TYPE_JSON;
      default -> throw new IllegalArgumentException("no ZetaSQL type for " + bigQueryType);
    });
  }

  /** Analyses every statement of the script; the first error fails with ZetaSQL's message. */
  static void analyse(String what, String sql, BigQueryCatalog catalog) {
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(BigQueryLanguageOptions.get());
    try {
      Iterator<?> statements = new ZetaSQLToolkitAnalyzer(options).analyzeStatements(sql, catalog);
      int count = 0;
      while (statements.hasNext()) {
        statements.next();
        count++;
      }
      assertTrue(count > 0, what + ": no statement analysed");
    } catch (RuntimeException e) {
      fail(what + " is not valid BigQuery SQL: " + e.getMessage() + "\n" + sql);
    }
  }

  @Test
  void theBackfillScriptIsValidBigQuerySql() {
    String staging = BackfillReplace.stagingTableName("sales_cleaned", DAY);
    String script = BackfillReplace.bigQueryScript(sql(SalesTable.CLEANED.tableName()), sql(staging),
        SalesTable.CLEANED.fields(), DAY);
    analyse("the backfill script", script, catalog(Map.of(staging, SalesTable.CLEANED.fields())));
  }


  @Test
  void theBackfillDeadLetterInsertIsValidBigQuerySql() {
    String staging = BackfillReplace.stagingTableName("sales_dead_letter", DAY);
    analyse("the backfill's dead-letter insert", BackfillReplace.newDeadLettersSql(sql("sales_dead_letter"),
        sql(staging), SalesTable.DEAD_LETTER.fields(), DAY, true), catalog(Map.of(staging, BigQueryWarehouse.stagingFields(SalesTable.DEAD_LETTER))));
  }

  @Test
  void theBackfillLineItemInsertIsValidBigQuerySql() {
    String staging = BackfillReplace.stagingTableName("sales_line_items", DAY);
    analyse("the backfill's line-item insert", BackfillReplace.newLineItemsScript(sql("sales_line_items"),
        sql(staging), SalesTable.LINE_ITEMS.fields()), catalog(Map.of(staging, SalesTable.LINE_ITEMS.fields())));
  }

  @Test
  void theQueryTheBackfillReadsSalesBackWithIsValidBigQuerySql() {
    analyse("the backfill's read-back query", com.salesanalytics.io.UniqueSalesQuery.sql(
        sql(SalesTable.CLEANED_UNIQUE_VIEW), sql(SalesTable.LINE_ITEMS_UNIQUE_VIEW), DAY,
        t -> "TIMESTAMP '" + BackfillReplace.utc(t) + "'", column -> column), catalog(BASE_VIEWS));
  }

  @Test
  void theQueryAReplaySelectsDeadLettersWithIsValidBigQuerySql() {
    analyse("the replay's selection", BigQueryWarehouse.replaySelectionSql(sql("sales_dead_letter"), sql("sales_raw"),
        sql("sales_dead_letter_replays"), new com.salesanalytics.model.DeadLetterSelection(
            List.of(com.salesanalytics.model.ErrorCode.WRITE_FAILED, com.salesanalytics.model.ErrorCode.INTERNAL_ERROR),
            DAY)), catalog(Map.of()));
  }

  @Test
  void theReplayOutcomeInsertIsValidBigQuerySql() {
    String staging = BigQueryWarehouse.REPLAYS_STAGING;
    analyse("the replay's outcome insert", BackfillReplace.newReplaysSql(sql("sales_dead_letter_replays"),
        sql(staging), SalesTable.DEAD_LETTER_REPLAYS.fields(), true),
        catalog(Map.of(staging, BigQueryWarehouse.stagingFields(SalesTable.DEAD_LETTER_REPLAYS))));
  }

  @Test
  void theStorageReadRowRestrictionIsAValidFilterOnSalesRaw() {
    analyse("the backfill's row restriction", "SELECT payload FROM " + sql("sales_raw") + " WHERE "
        + BigQueryWarehouse.rowRestriction(DAY), catalog(Map.of()));
  }

  private static final java.util.regex.Pattern TEMPLATEFILE = java.util.regex.Pattern.compile(
      "^\\$\\{templatefile\\(\"\\$\\{local\\.schema_dir}/([a-z_]+\\.sql)\", \\{ (.*) }\\)}$");
  private static final java.util.regex.Pattern TEMPLATE_VARIABLE = java.util.regex.Pattern.compile("(\\w+) = local\\.(\\w+)");

  /**
   * The views Terraform creates, as it renders them for one project: the for_each over local.views,
   * and every view whose query is a templatefile of a shared SQL file (the file filled in with the
   * locals it is given, as templatefile does). A view of any other form fails here.
   */
  static Map<String, String> terraformViews() {
    Map<String, String> views = new TreeMap<>();
    for (Terraform.Block table : Terraform.resources("google_bigquery_table")) {
      if (!table.body().has("view")) {
        continue;
      }
      String query = table.body().get("view").get(0).get("query").asText();
      if ("${local.views}".equals(table.text("for_each"))) {
        assertEquals("${each.value}", query, table.where());
        Terraform.local("views").fields().forEachRemaining(e -> views.put(e.getKey(), render(e.getValue().asText())));
        continue;
      }
      java.util.regex.Matcher template = TEMPLATEFILE.matcher(query);
      assertTrue(template.matches(), table.where() + ": a view's query is local.views or a templatefile of a shared SQL file: " + query);
      String sql = readResource("/bigquery/" + template.group(1));
      java.util.regex.Matcher variable = TEMPLATE_VARIABLE.matcher(template.group(2));
      while (variable.find()) {
        sql = sql.replace("${" + variable.group(1) + "}", render("${local." + variable.group(2) + "}"));
      }
      views.put(table.text("table_id"), sql);
    }
    // The shared file is the one the Java side reads.
    assertEquals(SalesTable.cleanedUniqueSql(render("${local.cleaned}")), views.get(SalesTable.CLEANED_UNIQUE_VIEW));
    return views;
  }

  private static String readResource(String resource) {
    try (var in = BigQuerySqlTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is not on the classpath");
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Terraform's interpolation of the locals a view uses (names of tables, SQL fragments), for project {@link #PROJECT}. */
  private static String render(String hcl) {
    String text = hcl;
    java.util.regex.Matcher local = java.util.regex.Pattern.compile("\\$\\{local\\.(\\w+)}").matcher(text);
    while (local.find()) {
      text = text.replace(local.group(), render(Terraform.local(local.group(1)).asText()));
      local = java.util.regex.Pattern.compile("\\$\\{local\\.(\\w+)}").matcher(text);
    }
    return text.replace("${var.project_id}", PROJECT)
        .replace("${google_bigquery_dataset.sales.dataset_id}", DATASET);
  }

  static List<String> viewNames() {
    return new ArrayList<>(terraformViews().keySet());
  }

  /** The views other views read, as tables with the columns of the table each one filters. */
  static final Map<String, List<TableFieldSchema>> BASE_VIEWS = Map.of(
      SalesTable.CLEANED_UNIQUE_VIEW, SalesTable.CLEANED.fields(),
      "sales_line_items_unique", SalesTable.LINE_ITEMS.fields());

  @ParameterizedTest(name = "{0}")
  @MethodSource("viewNames")
  void everyTerraformViewIsValidBigQuerySql(String view) {
    assertFalse(terraformViews().get(view).contains("${"), "unresolved interpolation in " + view);
    analyse("view " + view, terraformViews().get(view), catalog(BASE_VIEWS));
  }

  /** Every google_bigquery_table with a view block, by table_id (a for_each over a local: its keys). */
  static java.util.Set<String> declaredViews() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Terraform.Block table : Terraform.resources("google_bigquery_table")) {
      if (!table.body().has("view")) {
        continue;
      }
      if ("${each.key}".equals(table.text("table_id"))) {
        Terraform.local(table.text("for_each").replaceAll("^\\$\\{local\\.|}$", "")).fieldNames().forEachRemaining(names::add);
      } else {
        names.add(table.text("table_id"));
      }
    }
    return names;
  }

  @Test
  void everyViewTerraformDeclaresIsAnalysed() {
    assertEquals(declaredViews(), terraformViews().keySet());
  }

  @Test
  void theCheckRejectsWhatBigQueryRejects() {
    // The pipeline_health view as first written: a CTE named like its column, so IFNULL got a STRUCT.
    String shadowed = "WITH cleaned AS (SELECT TIMESTAMP_TRUNC(processed_at, HOUR) AS hour, COUNT(*) AS cleaned FROM "
        + sql("sales_cleaned") + " GROUP BY hour) SELECT hour, IFNULL(cleaned, 0) AS cleaned FROM cleaned";
    AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> analyse("a shadowing CTE", shadowed, catalog(Map.of())));
    assertTrue(error.getMessage().contains("No matching signature for function IFNULL"), error.getMessage());
    AssertionError unknown = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> analyse("an unknown column", "SELECT total FROM " + sql("sales_cleaned"), catalog(Map.of())));
    assertTrue(unknown.getMessage().contains("Unrecognized name: total"), unknown.getMessage());
  }

  private static String sql(String table) {
    return "`" + PROJECT + "." + DATASET + "." + table + "`";
  }
}
