package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedQuery;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.TableContent;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.toolkit.options.BigQueryLanguageOptions;
import com.salesanalytics.io.SalesTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The dashboard views compute the pipeline's KPIs the pipeline's way. ZetaSQL's reference
 * implementation (the evaluator of BigQuery's SQL front end, in the same library as the analyser)
 * runs each view as Terraform renders it on a few rows chosen for one rule each: money per
 * currency, exact half-up rounding to 2 decimals, exact distinct customers without anonymous sales,
 * the latest result per store with its provisional flag, the health identity. The column names
 * and types of the KPI views are those of sales_store_kpis, so live and history read alike.
 */
class DashboardViewsTest {
  private static final String PREFIX = "`retail-analytics-prod.sales_data.";
  /** The KPIs sales_store_kpis holds per store, window and currency; the history views hold the same. */
  private static final List<String> KPIS = List.of("store_id", "currency", "transactions", "items", "revenue",
      "avg_basket", "items_per_transaction", "customers", "anonymous_transactions", "customer_revenue",
      "avg_spend_per_customer");

  private static final Map<String, List<TableFieldSchema>> TABLES = new TreeMap<>();

  static {
    for (SalesTable table : SalesTable.values()) {
      TABLES.put(table.tableName(), table.fields());
    }
    TABLES.putAll(BigQuerySqlTest.BASE_VIEWS);
  }

  private static String view(String name) {
    String sql = BigQuerySqlTest.terraformViews().get(name);
    assertTrue(sql != null, "Terraform declares no view " + name);
    return sql;
  }

  private static Type type(String bigQueryType) {
    return TypeFactory.createSimpleType(switch (bigQueryType) {
      case "STRING" -> TypeKind.TYPE_STRING;
      case "TIMESTAMP" -> TypeKind.TYPE_TIMESTAMP;
      case "NUMERIC" -> TypeKind.TYPE_NUMERIC;
      case "INTEGER" -> TypeKind.TYPE_INT64;
      case "BOOLEAN" -> TypeKind.TYPE_BOOL;
      case "JSON" -> TypeKind.TYPE_JSON;
      default -> throw new IllegalArgumentException(bigQueryType);
    });
  }

  private static AnalyzerOptions options() {
    AnalyzerOptions options = new AnalyzerOptions();
    options.setLanguageOptions(BigQueryLanguageOptions.get());
    return options;
  }

  /** Runs {@code sql} (fully qualified table names as Terraform renders them) on the given rows. */
  private static List<Map<String, String>> run(String sql, Map<String, List<Map<String, Object>>> rows) {
    SimpleCatalog catalog = new SimpleCatalog("sales");
    catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(BigQueryLanguageOptions.get()));
    Map<String, TableContent> contents = new LinkedHashMap<>();
    TABLES.forEach((name, fields) -> {
      List<SimpleColumn> columns = new ArrayList<>();
      fields.forEach(f -> columns.add(new SimpleColumn(name, f.getName(), type(f.getType()))));
      catalog.addSimpleTable(new SimpleTable(name, columns));
      List<List<Value>> data = new ArrayList<>();
      for (Map<String, Object> row : rows.getOrDefault(name, List.of())) {
        assertTrue(fields.stream().map(TableFieldSchema::getName).toList().containsAll(row.keySet()), row.toString());
        List<Value> values = new ArrayList<>();
        fields.forEach(f -> values.add(value(type(f.getType()), row.get(f.getName()))));
        data.add(values);
      }
      contents.put(name, TableContent.create(data));
    });
    String local = sql.replace(PREFIX, "`").replaceAll("`(\\w+)`", "$1");
    try (PreparedQuery query = PreparedQuery.builder().setSql(local).setAnalyzerOptions(options())
        .setCatalog(catalog).setTablesContents(contents).prepare()) {
      List<SimpleColumn> columns = query.getColumns();
      List<Map<String, String>> out = new ArrayList<>();
      for (List<Value> row : query.execute(Map.of()).getTableData()) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          named.put(columns.get(i).getName(), text(row.get(i)));
        }
        out.add(named);
      }
      return out;
    }
  }

  private static Value value(Type type, Object v) {
    if (v == null) {
      return Value.createNullValue(type);
    }
    return switch (type.getKind()) {
      case TYPE_STRING -> Value.createStringValue((String) v);
      case TYPE_INT64 -> Value.createInt64Value(((Number) v).longValue());
      case TYPE_NUMERIC -> Value.createNumericValue(new BigDecimal((String) v));
      case TYPE_BOOL -> Value.createBoolValue((Boolean) v);
      case TYPE_TIMESTAMP -> Value.createTimestampValueFromUnixMicros(
          ChronoUnit.MICROS.between(Instant.EPOCH, v instanceof Instant i ? i : Instant.parse((String) v)));
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private static String text(Value v) {
    if (v.isNull()) {
      return "null";
    }
    return switch (v.getType().getKind()) {
      case TYPE_STRING -> v.getStringValue();
      case TYPE_INT64 -> Long.toString(v.getInt64Value());
      case TYPE_NUMERIC -> v.getNumericValue().toPlainString();
      case TYPE_BOOL -> Boolean.toString(v.getBoolValue());
      case TYPE_DOUBLE -> Double.toString(v.getDoubleValue());
      case TYPE_TIMESTAMP -> Instant.EPOCH.plus(v.getTimestampUnixMicros(), ChronoUnit.MICROS).toString();
      case TYPE_DATE -> java.time.LocalDate.ofEpochDay(v.getDateValue()).toString();
      default -> v.getSQLLiteral();
    };
  }

  /** The columns a view outputs, with their ZetaSQL type kinds. */
  private static Map<String, TypeKind> columnsOf(String view) {
    Map<String, TypeKind> columns = new LinkedHashMap<>();
    SimpleCatalog catalog = new SimpleCatalog("sales");
    catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(BigQueryLanguageOptions.get()));
    TABLES.forEach((name, fields) -> {
      List<SimpleColumn> cols = new ArrayList<>();
      fields.forEach(f -> cols.add(new SimpleColumn(name, f.getName(), type(f.getType()))));
      catalog.addSimpleTable(new SimpleTable(name, cols));
    });
    String local = view(view).replace(PREFIX, "`").replaceAll("`(\\w+)`", "$1");
    try (PreparedQuery query = PreparedQuery.builder().setSql(local).setAnalyzerOptions(options()).setCatalog(catalog).prepare()) {
      query.getColumns().forEach(c -> columns.put(c.getName(), c.getType().getKind()));
    }
    return columns;
  }

  private static Map<String, Object> sale(String store, String at, String currency, String customer, long items, String amount) {
    Map<String, Object> row = new TreeMap<>();
    row.put("transaction_id", store + "@" + at);
    row.put("store_id", store);
    row.put("customer_id", customer);
    row.put("event_timestamp", at);
    row.put("currency", currency);
    row.put("line_count", 1L);
    row.put("total_items", items);
    row.put("total_amount", amount);
    row.put("avg_price_per_item", "0");
    row.put("processed_at", at);
    row.put("message_id", "m-" + store + "@" + at);
    row.put("publish_time", at);
    return row;
  }

  private static List<Map<String, Object>> sales() {
    return List.of(
        // store-01, 10h: EUR three sales, c-1 twice, one anonymous; USD one sale: rows per currency.
        sale("store-01", "2026-11-24T10:05:00Z", "EUR", "c-1", 3, "10.00"),
        sale("store-01", "2026-11-24T10:20:00Z", "EUR", "c-1", 1, "0.01"),
        sale("store-01", "2026-11-24T10:40:00Z", "EUR", null, 2, "5.00"),
        sale("store-01", "2026-11-24T10:50:00Z", "USD", "c-2", 1, "3.00"),
        // store-01, 11h: c-1 again: one customer that day, one in each hour.
        sale("store-01", "2026-11-24T11:10:00Z", "EUR", "c-1", 1, "2.00"),
        // store-02: 2.01 / 2 = 1.005, half-up 1.01 (half-even would give 1.00).
        sale("store-02", "2026-11-24T10:00:00Z", "EUR", null, 1, "1.00"),
        sale("store-02", "2026-11-24T10:01:00Z", "EUR", null, 1, "1.01"),
        // store-03: 0.009999999 / 2 = 0.0049999995 exactly, 0.00 (rounding to NUMERIC's 9 places first gives 0.01).
        sale("store-03", "2026-11-24T10:00:00Z", "EUR", "c-3", 1, "0.004999999"),
        sale("store-03", "2026-11-24T10:01:00Z", "EUR", "c-4", 1, "0.005000000"));
  }

  private static String kpis(Map<String, String> row) {
    StringBuilder text = new StringBuilder();
    for (String kpi : KPIS) {
      text.append(kpi).append('=').append(row.get(kpi)).append(' ');
    }
    return text.toString().trim();
  }

  @Test
  void theHourAndDayViewsHoldTheKpisOfSalesStoreKpisWithTheSameNamesAndTypes() {
    Map<String, TypeKind> live = new LinkedHashMap<>();
    SalesTable.STORE_KPIS.fields().forEach(f -> live.put(f.getName(), type(f.getType()).getKind()));
    for (String name : List.of("sales_volume_by_store_hour", "sales_kpis_by_store_day", "store_kpis_latest_minute")) {
      Map<String, TypeKind> columns = columnsOf(name);
      for (String kpi : KPIS) {
        assertEquals(live.get(kpi), columns.get(kpi), name + "." + kpi);
      }
    }
  }

  @Test
  void theHourViewHasOneRowPerStoreHourAndCurrencyWithExactHalfUpAveragesAndExactDistinctCustomers() {
    List<Map<String, String>> rows = run("SELECT * FROM (\n" + view("sales_volume_by_store_hour")
        + "\n) ORDER BY store_id, hour, currency", Map.of(SalesTable.CLEANED_UNIQUE_VIEW, sales()));
    List<String> actual = rows.stream().map(r -> r.get("hour") + " " + kpis(r)).toList();
    assertEquals(normalise(List.of(
        "2026-11-24T10:00:00Z store_id=store-01 currency=EUR transactions=3 items=6 revenue=15.01 avg_basket=5.00"
            + " items_per_transaction=2.00 customers=1 anonymous_transactions=1 customer_revenue=10.01 avg_spend_per_customer=10.01",
        "2026-11-24T10:00:00Z store_id=store-01 currency=USD transactions=1 items=1 revenue=3.00 avg_basket=3.00"
            + " items_per_transaction=1.00 customers=1 anonymous_transactions=0 customer_revenue=3.00 avg_spend_per_customer=3.00",
        "2026-11-24T11:00:00Z store_id=store-01 currency=EUR transactions=1 items=1 revenue=2.00 avg_basket=2.00"
            + " items_per_transaction=1.00 customers=1 anonymous_transactions=0 customer_revenue=2.00 avg_spend_per_customer=2.00",
        "2026-11-24T10:00:00Z store_id=store-02 currency=EUR transactions=2 items=2 revenue=2.01 avg_basket=1.01"
            + " items_per_transaction=1.00 customers=0 anonymous_transactions=2 customer_revenue=0 avg_spend_per_customer=null",
        "2026-11-24T10:00:00Z store_id=store-03 currency=EUR transactions=2 items=2 revenue=0.009999999 avg_basket=0.00"
            + " items_per_transaction=1.00 customers=2 anonymous_transactions=0 customer_revenue=0.009999999 avg_spend_per_customer=0.00")),
        normalise(actual));
  }

  @Test
  void theDayViewCountsACustomerOnceADayNotOncePerHour() {
    List<Map<String, String>> rows = run("SELECT * FROM (\n" + view("sales_kpis_by_store_day")
        + "\n) WHERE store_id = 'store-01' ORDER BY currency", Map.of(SalesTable.CLEANED_UNIQUE_VIEW, sales()));
    assertEquals(normalise(List.of(
        "2026-11-24 store_id=store-01 currency=EUR transactions=4 items=7 revenue=17.01 avg_basket=4.25"
            + " items_per_transaction=1.75 customers=1 anonymous_transactions=1 customer_revenue=12.01 avg_spend_per_customer=12.01",
        "2026-11-24 store_id=store-01 currency=USD transactions=1 items=1 revenue=3.00 avg_basket=3.00"
            + " items_per_transaction=1.00 customers=1 anonymous_transactions=0 customer_revenue=3.00 avg_spend_per_customer=3.00")),
        normalise(rows.stream().map(r -> r.get("day") + " " + kpis(r)).toList()));
  }

  @Test
  void theCustomerViewHasOneRowPerCustomerAndCurrencyHoweverOftenAndWhereverTheyBought() {
    List<String> actual = run("SELECT * FROM (\n" + view("average_spend_per_customer")
        + "\n) ORDER BY customer_id, currency", Map.of(SalesTable.CLEANED_UNIQUE_VIEW, sales())).stream()
        .map(r -> r.get("customer_id") + " " + r.get("currency") + " transactions=" + r.get("transactions")
            + " total_spend=" + r.get("total_spend") + " avg_spend=" + r.get("avg_spend")
            + " first_seen=" + r.get("first_seen") + " last_seen=" + r.get("last_seen")).toList();
    assertEquals(normalise(List.of(
        // c-1 came back: three sales in two hours, one row; 12.01 / 3 = 4.0033
        "c-1 EUR transactions=3 total_spend=12.01 avg_spend=4.00"
            + " first_seen=2026-11-24T10:05:00Z last_seen=2026-11-24T11:10:00Z",
        "c-2 USD transactions=1 total_spend=3.00 avg_spend=3.00"
            + " first_seen=2026-11-24T10:50:00Z last_seen=2026-11-24T10:50:00Z",
        "c-3 EUR transactions=1 total_spend=0.004999999 avg_spend=0.00"
            + " first_seen=2026-11-24T10:00:00Z last_seen=2026-11-24T10:00:00Z",
        // 0.005 is a halfway case: half-up gives 0.01
        "c-4 EUR transactions=1 total_spend=0.005000000 avg_spend=0.01"
            + " first_seen=2026-11-24T10:01:00Z last_seen=2026-11-24T10:01:00Z")), normalise(actual),
        "anonymous sales are nobody's");
  }

  /** Numbers compared by value: "15.010000000" and "15.01" are the same amount. */
  private static List<String> normalise(List<String> lines) {
    return lines.stream().map(l -> l.replaceAll("=(-?\\d+\\.\\d*?)0+(?= |$)", "=$1").replaceAll("=(-?\\d+)\\.(?= |$)", "=$1"))
        .toList();
  }

  @Test
  void noViewCountsCustomersApproximately() {
    for (Map.Entry<String, String> view : BigQuerySqlTest.terraformViews().entrySet()) {
      String sql = view.getValue().toUpperCase();
      for (String approximate : List.of("APPROX_COUNT_DISTINCT", "HLL_COUNT")) {
        assertFalse(sql.contains(approximate), view.getKey() + " uses " + approximate);
      }
    }
  }

  @Test
  void everyViewWithMoneyHasACurrencyColumn() {
    Set<String> money = Set.of("revenue", "avg_basket", "customer_revenue", "avg_spend_per_customer", "total_spend",
        "avg_spend", "line_amount", "total_amount", "unit_price");
    for (String name : BigQuerySqlTest.terraformViews().keySet()) {
      Map<String, TypeKind> columns = columnsOf(name);
      if (columns.keySet().stream().anyMatch(money::contains)) {
        assertTrue(columns.containsKey("currency"), name + " shows money without its currency");
        columns.forEach((column, kind) -> {
          if (money.contains(column)) {
            assertEquals(TypeKind.TYPE_NUMERIC, kind, name + "." + column);
          }
        });
      }
    }
  }

  private static Map<String, Object> kpiRow(String store, String currency, Instant window, boolean isFinal, long pane,
      String revenue) {
    Map<String, Object> row = new TreeMap<>();
    row.put("store_id", store);
    row.put("window_start", window);
    row.put("currency", currency);
    row.put("window_end", window.plusSeconds(60));
    row.put("transactions", 2L);
    row.put("items", 3L);
    row.put("revenue", revenue);
    row.put("avg_basket", "1.00");
    row.put("items_per_transaction", "1.50");
    row.put("customers", 1L);
    row.put("anonymous_transactions", 1L);
    row.put("customer_revenue", "1.00");
    row.put("avg_spend_per_customer", "1.00");
    row.put("top_products", "[]");
    row.put("timing", isFinal ? "ON_TIME" : "EARLY");
    row.put("is_final", isFinal);
    row.put("pane_index", pane);
    row.put("updated_at", window.plusSeconds(65));
    return row;
  }

  @Test
  void theLatestMinuteViewShowsEachStoresNewestWindowPerCurrencyFlaggedProvisionalUntilFinal() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<Map<String, Object>> kpis = List.of(
        kpiRow("store-01", "EUR", now.minusSeconds(180), true, 2, "1.00"),
        kpiRow("store-01", "EUR", now.minusSeconds(120), false, 0, "2.00"),
        kpiRow("store-01", "USD", now.minusSeconds(600), true, 1, "3.00"),
        kpiRow("store-02", "EUR", now.minusSeconds(120), true, 3, "4.00"),
        // A store that sold nothing for two days is not a live figure.
        kpiRow("store-03", "EUR", now.minusSeconds(2 * 86400), true, 3, "5.00"));
    List<String> actual = run("SELECT * FROM (\n" + view("store_kpis_latest_minute") + "\n) ORDER BY store_id, currency",
        Map.of(SalesTable.STORE_KPIS.tableName(), kpis)).stream()
        .map(r -> r.get("store_id") + " " + r.get("currency") + " " + r.get("window_start") + " revenue=" + r.get("revenue")
            + " provisional=" + r.get("provisional")).toList();
    assertEquals(normalise(List.of(
        "store-01 EUR " + now.minusSeconds(120) + " revenue=2.00 provisional=true",
        "store-01 USD " + now.minusSeconds(600) + " revenue=3.00 provisional=false",
        "store-02 EUR " + now.minusSeconds(120) + " revenue=4.00 provisional=false")), normalise(actual));
  }

  private static Map<String, Object> health(String window, long in, long cleaned, long dead, long duplicates, long late,
      boolean isFinal) {
    Instant start = Instant.parse(window);
    Map<String, Object> row = new TreeMap<>();
    row.put("window_start", start);
    row.put("window_end", start.plusSeconds(60));
    row.put("events_in", in);
    row.put("cleaned", cleaned);
    row.put("dead_lettered", dead);
    row.put("duplicates", duplicates);
    row.put("dropped_late", late);
    row.put("timing", isFinal ? "ON_TIME" : "EARLY");
    row.put("is_final", isFinal);
    row.put("pane_index", 0L);
    row.put("updated_at", start.plusSeconds(65));
    return row;
  }

  @Test
  void thePipelineHealthViewChecksTheAccountingIdentityAndGivesTheDeadLetterRate() {
    List<Map<String, Object>> rows = List.of(
        health("2026-11-24T10:00:00Z", 100, 90, 5, 4, 1, true),
        health("2026-11-24T10:01:00Z", 100, 90, 5, 4, 0, false),
        health("2026-11-24T10:02:00Z", 0, 0, 0, 0, 0, false));
    List<String> actual = run("SELECT * FROM (\n" + view("pipeline_health") + "\n) ORDER BY window_start",
        Map.of(SalesTable.PIPELINE_HEALTH.tableName(), rows)).stream()
        .map(r -> r.get("window_start") + " in=" + r.get("events_in") + " accounted=" + r.get("accounted_for")
            + " balanced=" + r.get("balanced") + " dead_letter_rate=" + r.get("dead_letter_rate")
            + " provisional=" + r.get("provisional")).toList();
    assertEquals(List.of(
        "2026-11-24T10:00:00Z in=100 accounted=100 balanced=true dead_letter_rate=0.05 provisional=false",
        "2026-11-24T10:01:00Z in=100 accounted=99 balanced=false dead_letter_rate=0.05 provisional=true",
        "2026-11-24T10:02:00Z in=0 accounted=0 balanced=true dead_letter_rate=null provisional=true"), actual);
  }

  private static Map<String, Object> line(String tx, long number, String store, String product, long quantity, String amount) {
    Map<String, Object> row = new TreeMap<>();
    row.put("transaction_id", tx);
    row.put("line_number", number);
    row.put("store_id", store);
    row.put("event_timestamp", "2026-11-24T10:00:00Z");
    row.put("currency", "EUR");
    row.put("product_id", product);
    row.put("quantity", quantity);
    row.put("unit_price", amount);
    row.put("line_amount", amount);
    row.put("message_id", "m-" + tx);
    row.put("publish_time", "2026-11-24T10:00:00Z");
    row.put("processed_at", "2026-11-24T10:00:01Z");
    return row;
  }

  @Test
  void theTopProductsViewRanksProductsByRevenuePerDayStoreAndCurrencyTiesByProductId() {
    List<Map<String, Object>> lines = List.of(
        line("t1", 1, "store-01", "pear", 2, "4.00"),
        line("t1", 2, "store-01", "apple", 1, "4.00"),
        line("t2", 1, "store-01", "plum", 1, "1.00"),
        line("t3", 1, "store-01", "plum", 3, "3.50"),
        line("t4", 1, "store-02", "plum", 1, "9.00"));
    List<String> actual = run("SELECT * FROM (\n" + view("top_products_by_day") + "\n) ORDER BY store_id, revenue_rank",
        Map.of("sales_line_items_unique", lines)).stream()
        .map(r -> r.get("day") + " " + r.get("store_id") + " #" + r.get("revenue_rank") + " " + r.get("product_id")
            + " revenue=" + r.get("revenue") + " items=" + r.get("items") + " transactions=" + r.get("transactions")).toList();
    assertEquals(List.of(
        "2026-11-24 store-01 #1 plum revenue=4.5 items=4 transactions=2",
        "2026-11-24 store-01 #2 apple revenue=4 items=1 transactions=1",
        "2026-11-24 store-01 #3 pear revenue=4 items=2 transactions=1",
        "2026-11-24 store-02 #1 plum revenue=9 items=1 transactions=1"), normalise(actual));
  }
}
