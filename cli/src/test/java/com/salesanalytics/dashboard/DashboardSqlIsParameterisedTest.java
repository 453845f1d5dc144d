package com.salesanalytics.dashboard;

import static com.salesanalytics.dashboard.DashboardFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query the API runs is a prepared statement whose text is the same whatever the request
 * asks: the values reach DuckDB as bound parameters only. Watched on the connection itself, so it
 * holds for any code path behind the API, not just the ones this test names.
 */
class DashboardSqlIsParameterisedTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private DashboardServer server;
  /** The text of every statement prepared, or what else was asked of a connection. */
  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void serveTheFixtureOnWatchedConnections() throws SQLException {
    DashboardFixture fixture = DashboardFixture.create(dir.resolve("dashboard.duckdb")).handChecked();
    ConnectionSource watched = () -> watch(fixture.database().readConnection());
    server = DashboardApiTest.serve(new Dashboard(watched, Clock.fixed(at("10:05:30"), ZoneOffset.UTC)));
  }

  @AfterEach
  void stop() {
    server.close();
    DuckDbDatabase.closeIfOpen(dir.resolve("dashboard.duckdb").toString());
  }

  @Test
  void theSqlTextIsTheSameForTheSmallestAndLargestValues() throws Exception {
    List<String> smallest = statementsOf("/api/sales-by-store?minutes=1", "/api/items-per-transaction?minutes=1",
        "/api/top-products?limit=1&minutes=1");
    List<String> largest = statementsOf("/api/sales-by-store?minutes=1440", "/api/items-per-transaction?minutes=1440",
        "/api/top-products?limit=50&minutes=1440");
    assertEquals(smallest, largest, "a value that reached the SQL text would make them differ");
    assertTrue(smallest.stream().allMatch(sql -> sql.startsWith("prepare: ")), "prepared statements only: " + smallest);
    assertTrue(smallest.stream().anyMatch(sql -> sql.contains("window_start >= ? AND window_start < ?")), smallest.toString());
    assertTrue(smallest.stream().anyMatch(sql -> sql.contains("<= ?)")), "the limit is a parameter too: " + smallest);
  }

  @Test
  void theTilesArePreparedStatementsOnly() throws Exception {
    List<String> tiles = statementsOf("/api/tiles");
    assertTrue(tiles.size() >= 5, tiles.toString());
    assertTrue(tiles.stream().allMatch(sql -> sql.startsWith("prepare: ")), "prepared statements only: " + tiles);
  }

  private List<String> statementsOf(String... targets) throws Exception {
    statements.clear();
    for (String target : targets) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + target.substring(1)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), target + ": " + response.body());
    }
    return new ArrayList<>(statements);
  }

  /** The connection, recording the SQL of each statement prepared and any other way of running SQL. */
  private Connection watch(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "prepareStatement" -> statements.add("prepare: " + args[0]);
            case "createStatement", "prepareCall", "nativeSQL" -> statements.add(method.getName() + ": not prepared");
            default -> { }
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
