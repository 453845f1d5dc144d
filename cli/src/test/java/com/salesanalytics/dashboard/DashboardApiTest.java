package com.salesanalytics.dashboard;

import static com.salesanalytics.dashboard.DashboardFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON API over a real DuckDB file holding the hand-checked fixture; every expected figure
 * below is worked out by hand from DashboardFixture#handChecked, not by the code under test.
 */
class DashboardApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private DashboardFixture fixture;
  private DashboardServer server;

  @BeforeEach
  void serveTheFixture() throws SQLException {
    fixture = DashboardFixture.create(dir.resolve("dashboard.duckdb")).handChecked();
    server = serve(new Dashboard(fixture.database()::readConnection, Clock.fixed(at("10:05:30"), ZoneOffset.UTC)));
  }

  @AfterEach
  void stop() {
    server.close();
    DuckDbDatabase.closeIfOpen(dir.resolve("dashboard.duckdb").toString());
  }

  static DashboardServer serve(Dashboard dashboard) {
    return DashboardServer.start(ListenAddress.of("host", "127.0.0.1", "port", 0), dashboard);
  }

  /** The hand-checked fixture, written to {@code file} and served as of 10:05:30 (the abuse tests' target). */
  static DashboardServer serveHandChecked(Path file) throws SQLException {
    DashboardFixture fixture = DashboardFixture.create(file).handChecked();
    return serve(new Dashboard(fixture.database()::readConnection, Clock.fixed(at("10:05:30"), ZoneOffset.UTC)));
  }

  @Test
  void theLastMinuteIsTheNewestKpiWindowWithMoneyPerCurrencyAsExactStrings() throws Exception {
    JsonNode tiles = getJson("/api/tiles");
    assertEquals("2026-11-24T10:05:00Z", tiles.get("as_of").asText());
    JsonNode minute = tiles.get("last_minute");
    assertEquals("2026-11-24T10:04:00Z", minute.get("from").asText());
    assertEquals("2026-11-24T10:05:00Z", minute.get("to").asText());
    assertEquals(7, minute.get("transactions").asLong()); // 4 + 2 USD, 1 EUR
    assertEquals(16, minute.get("items").asLong()); // 11 + 3 + 2
    assertEquals("2.29", minute.get("items_per_transaction").textValue()); // 16 / 7 = 2.2857
    assertTrue(minute.get("provisional").asBoolean(), "store-01's and store-02's 10:04 rows are not final");

    JsonNode usd = minute.get("currencies").get(0);
    assertEquals("USD", usd.get("currency").asText(), "most transactions first");
    assertEquals("62.39", usd.get("revenue").textValue()); // 52.40 + 9.99, a string, not a double
    assertTrue(usd.get("revenue").isTextual());
    assertEquals(6, usd.get("transactions").asLong());
    // customers from the sales, not the KPI rows: c-1 bought t1 (store-01, delivered twice) and t3
    // (store-02) in this minute; t2 was anonymous
    assertEquals(1, usd.get("customers").asLong());
    assertEquals("12.50", usd.get("customer_revenue").textValue()); // t1 2.00 once + t3 10.50
    assertEquals("12.50", usd.get("avg_spend_per_customer").textValue()); // 12.50 / 1
    assertTrue(usd.get("provisional").asBoolean());

    JsonNode eur = minute.get("currencies").get(1);
    assertEquals("EUR", eur.get("currency").asText());
    assertEquals("20.00", eur.get("revenue").textValue(), "never added to the dollars");
    assertEquals(1, eur.get("transactions").asLong());
    assertEquals(0, eur.get("customers").asLong());
    assertEquals("0.00", eur.get("customer_revenue").textValue());
    assertTrue(eur.get("avg_spend_per_customer").isNull(), "no customer bought in EUR this minute");
    assertFalse(eur.get("provisional").asBoolean(), "store-03's row is final");
    assertEquals(2, minute.get("currencies").size());
  }

  @Test
  void theLastHourIsTheSixtyWindowsEndingWithTheNewest() throws Exception {
    JsonNode hour = getJson("/api/tiles").get("last_hour");
    assertEquals("2026-11-24T09:05:00Z", hour.get("from").asText());
    assertEquals(13, hour.get("transactions").asLong()); // 6 + 3 + 1 USD, 1 + 2 EUR; not 09:04's 100
    assertEquals(28, hour.get("items").asLong()); // 14 + 6 + 1 + 2 + 5
    assertEquals("2.15", hour.get("items_per_transaction").textValue()); // 28 / 13 = 2.1538
    JsonNode usd = hour.get("currencies").get(0);
    assertEquals("92.40", usd.get("revenue").textValue()); // 62.39 + 30.00 + 0.01
    assertEquals(10, usd.get("transactions").asLong());
    // c-1 once (t1, t3); c-2's t5 (09:04:59) and t6 (10:05:10) are outside the hour
    assertEquals(1, usd.get("customers").asLong());
    assertEquals("12.50", usd.get("customer_revenue").textValue());
    assertEquals("12.50", usd.get("avg_spend_per_customer").textValue());
    JsonNode eur = hour.get("currencies").get(1);
    assertEquals("34.50", eur.get("revenue").textValue()); // 20.00 + 14.50
    assertEquals(1, eur.get("customers").asLong(), "c-1 is a customer in euros too (t4)");
    assertEquals("1.40", eur.get("customer_revenue").textValue());
    assertEquals("1.40", eur.get("avg_spend_per_customer").textValue()); // 1.40 / 1
    assertFalse(eur.get("provisional").asBoolean());
    assertTrue(hour.get("provisional").asBoolean());
  }

  @Test
  void healthAndFreshness() throws Exception {
    JsonNode tiles = getJson("/api/tiles");
    JsonNode health = tiles.get("health");
    assertEquals("2026-11-24T09:06:00Z", health.get("from").asText(), "the hour of publish time ending 10:06");
    assertEquals("2026-11-24T10:06:00Z", health.get("to").asText());
    assertEquals(100, health.get("events_in").asLong()); // 20 + 30 + 50, not 09:05's 1000
    assertEquals(90, health.get("cleaned").asLong());
    assertEquals(6, health.get("dead_lettered").asLong());
    assertEquals("6.00", health.get("dead_letter_rate_percent").textValue());
    assertEquals(3, health.get("duplicates").asLong());
    assertEquals(1, health.get("dropped_late").asLong());
    assertTrue(health.get("provisional").asBoolean());

    JsonNode freshness = tiles.get("freshness");
    assertEquals("2026-11-24T10:05:10Z", freshness.get("newest_event").asText(), "t6, after the newest KPI window");
    assertEquals(20, freshness.get("seconds").asLong()); // clock 10:05:30
  }

  @Test
  void valuesAreFinalOnceEveryRowOfTheSpanIs() throws Exception {
    fixture.execute("UPDATE sales_store_kpis SET is_final = true, timing = 'ON_TIME'");
    JsonNode minute = getJson("/api/tiles").get("last_minute");
    assertFalse(minute.get("provisional").asBoolean());
    assertFalse(minute.get("currencies").get(0).get("provisional").asBoolean());
  }

  @Test
  void salesByStoreListsEveryMinuteWithZerosAndMarksProvisionalWindows() throws Exception {
    JsonNode body = getJson("/api/sales-by-store?minutes=3");
    assertEquals(List.of("2026-11-24T10:02:00Z", "2026-11-24T10:03:00Z", "2026-11-24T10:04:00Z"),
        texts(body.get("windows")));
    assertEquals(List.of("false", "false", "true"), texts(body.get("provisional")));
    assertEquals("store-01", body.get("stores").get(0).get("store_id").asText());
    assertEquals(List.of("0", "3", "4"), texts(body.get("stores").get(0).get("transactions")));
    assertEquals(List.of("0", "0", "2"), texts(body.get("stores").get(1).get("transactions")));
    assertEquals(List.of("0", "2", "1"), texts(body.get("stores").get(2).get("transactions")), "EUR sales count too");
    assertEquals(30, getJson("/api/sales-by-store").get("windows").size(), "30 minutes by default");
  }

  @Test
  void itemsPerTransactionCountsEachSaleOnceInTheSpan() throws Exception {
    JsonNode hour = getJson("/api/items-per-transaction");
    assertEquals(4, hour.get("transactions").asLong(), "t1 (once, though delivered twice), t2, t3, t4");
    assertEquals("[{\"items\":1,\"transactions\":1},{\"items\":2,\"transactions\":2},{\"items\":5,\"transactions\":1}]",
        hour.get("buckets").toString());
    JsonNode minute = getJson("/api/items-per-transaction?minutes=1");
    assertEquals("[{\"items\":2,\"transactions\":2},{\"items\":5,\"transactions\":1}]", minute.get("buckets").toString());
  }

  @Test
  void topProductsPerCurrencyCountTheFirstDeliveryOnly() throws Exception {
    JsonNode body = getJson("/api/top-products");
    assertEquals("USD", body.get("currencies").get(0).get("currency").asText(), "three USD sales, one EUR");
    assertEquals("[{\"product_id\":\"p-0003\",\"revenue\":\"10.00\",\"items\":4},"
        + "{\"product_id\":\"p-0001\",\"revenue\":\"4.50\",\"items\":3},"
        + "{\"product_id\":\"p-0002\",\"revenue\":\"0.50\",\"items\":1},"
        + "{\"product_id\":\"p-0004\",\"revenue\":\"0.50\",\"items\":1}]",
        body.get("currencies").get(0).get("products").toString());
    assertEquals("[{\"product_id\":\"p-0001\",\"revenue\":\"1.40\",\"items\":1}]",
        body.get("currencies").get(1).get("products").toString());
    JsonNode two = getJson("/api/top-products?limit=2");
    assertEquals(2, two.get("currencies").get(0).get("products").size());
    assertEquals("p-0001", two.get("currencies").get(0).get("products").get(1).get("product_id").asText());
  }

  @Test
  void anEmptyWarehouseAnswersWithNullsNotErrors() throws Exception {
    server.close();
    DashboardFixture empty = DashboardFixture.create(dir.resolve("empty.duckdb"));
    server = serve(new Dashboard(empty.database()::readConnection, Clock.systemUTC()));
    try {
      JsonNode tiles = getJson("/api/tiles");
      assertTrue(tiles.get("as_of").isNull());
      assertTrue(tiles.get("last_minute").isNull());
      assertTrue(tiles.get("health").isNull());
      assertTrue(tiles.get("freshness").get("newest_event").isNull());
      assertEquals(0, getJson("/api/sales-by-store").get("windows").size());
      assertEquals(0, getJson("/api/top-products").get("currencies").size());
      assertEquals(0, getJson("/api/items-per-transaction").get("transactions").asLong());
    } finally {
      DuckDbDatabase.closeIfOpen(dir.resolve("empty.duckdb").toString());
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "/api/sales-by-store?minutes=abc| minutes: expected a whole number from 1 to 1440, got 'abc'",
    "/api/sales-by-store?minutes=0| minutes: expected a whole number from 1 to 1440, got '0'",
    "/api/sales-by-store?minutes=1441| minutes: expected a whole number from 1 to 1440, got '1441'",
    "/api/sales-by-store?minutes=99999999999| minutes: expected a whole number from 1 to 1440, got '99999999999'",
    "/api/top-products?limit=51| limit: expected a whole number from 1 to 50, got '51'",
    "/api/top-products?limit=-1| limit: expected a whole number from 1 to 50, got '-1'",
    "/api/top-products?minute=5| unknown parameter 'minute'; expected limit, minutes",
    "/api/items-per-transaction?minutes=5&minutes=6| minutes: given more than once",
    "/api/tiles?minutes=5| unknown parameter 'minutes'; this endpoint takes none",
  })
  void aBadParameterIs400WithOneLineNamingIt(String path, String message) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(400, response.statusCode(), response.body());
    assertEquals(message.strip() + "\n", response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
  }

  @Test
  void aMalformedEscapeIs400() throws Exception {
    // java.net.URI refuses to send it, so speak HTTP over a socket
    try (java.net.Socket socket = new java.net.Socket(server.url().getHost(), server.port())) {
      socket.getOutputStream().write("GET /api/sales-by-store?minutes=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 400 "), response);
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      assertEquals(1, body.strip().lines().count(), "one line (the JDK's server refuses it before our handler): " + body);
    }
  }

  @ParameterizedTest
  @CsvSource({"/api/nothing", "/api", "/api/tiles/", "/etc/passwd", "/dashboard/index.html", "/vendor/chart.js"})
  void anUnknownPathIs404WithOneLine(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(404, response.statusCode());
    assertEquals("not found: " + path + "\n", response.body());
  }

  @Test
  void onlyGetAndHead() throws Exception {
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/tiles"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("method not allowed: POST; use GET\n", post.body());
    HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/tiles"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }

  @Test
  void aFailingQueryIs500WithoutItsDetailsWhichAreLoggedInstead() throws Exception {
    server.close();
    server = serve(new Dashboard(() -> {
      throw new SQLException("Catalog Error: Table with name secret_table does not exist!");
    }, Clock.systemUTC()));
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(DashboardHandler.class.getName());
    List<java.util.logging.LogRecord> logged = new ArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord r) {
        logged.add(r);
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    log.addHandler(capture);
    try {
      HttpResponse<String> response = get("/api/tiles");
      assertEquals(500, response.statusCode());
      assertEquals("internal error: the query failed; see the dashboard's log\n", response.body());
    } finally {
      log.removeHandler(capture);
    }
    assertEquals(1, logged.size());
    assertTrue(logged.get(0).getThrown().getMessage().contains("secret_table"), "the details go to the log");
  }

  @Test
  void thePageAndAPinnedChartJsComeFromTheClasspath() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(page.body().contains("<script src=\"vendor/chart.umd.min.js\"></script>"), page.body());
    assertFalse(page.body().contains("//cdn"), "nothing from a CDN");
    assertFalse(page.body().contains("https://"), "nothing from the network");
    assertEquals(200, get("/dashboard.js").statusCode());
    assertEquals(200, get("/dashboard.css").statusCode());
    HttpResponse<String> chartJs = get("/vendor/chart.umd.min.js");
    assertEquals("text/javascript; charset=utf-8", chartJs.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(chartJs.body().startsWith("/*!\n * Chart.js v4.5.1\n"), chartJs.body().substring(0, 40));
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
