package com.salesanalytics.dashboard;

import static com.salesanalytics.dashboard.DashboardFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold the server's threads or connections: half requests, silent connections, too
 * many connections, many clients at once. The server cuts off what it cannot serve and answers a
 * normal request afterwards. Deadlines here are generous bounds on a hang (tens of seconds on a
 * loaded machine), not speed targets.
 */
class DashboardOverloadTest {
  private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(30);
  private static final String HOUR_TRANSACTIONS = "\"transactions\":13,";

  @TempDir Path dir;
  private DashboardServer server;
  private final List<Socket> abusers = new ArrayList<>();

  @BeforeEach
  void serveTheFixture() throws SQLException {
    server = DashboardApiTest.serveHandChecked(dir.resolve("dashboard.duckdb"));
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : abusers) {
      socket.close();
    }
    server.close();
    DuckDbDatabase.closeIfOpen(dir.resolve("dashboard.duckdb").toString());
  }

  @Test
  void halfRequestsAndSilentConnectionsAreCutOffAndANormalRequestIsAnswered() throws Exception {
    for (int i = 0; i < 8; i++) { // twice the server's threads: each would hold one while it waits
      abusers.add(connect("GET /api/tiles HTTP/1.1\r\n" + RawHttp.host(server) + "X-Slow: "));
    }
    for (int i = 0; i < 4; i++) {
      abusers.add(connect(""));
    }

    // over a socket, not the JDK's client: that retries a GET whose connection is reset, hiding a refusal
    RawHttp.Answer normal = RawHttp.get(server, "/api/tiles");
    assertEquals(200, normal.status(), "answered, not cut off with the abusers: " + normal.text());
    assertTrue(normal.body().contains(HOUR_TRANSACTIONS), normal.body());

    for (Socket abuser : abusers) {
      abuser.setSoTimeout((int) ANSWER_DEADLINE.toMillis());
      assertEquals(-1, readUntilClosed(abuser), "the server closes a connection that sends no whole request");
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnceAndServedAgainOnceTheOthersGo() throws Exception {
    for (int i = 0; i < HttpLimits.MAX_CONNECTIONS; i++) {
      abusers.add(connect(""));
    }
    try (Socket oneTooMany = new Socket("127.0.0.1", server.port())) {
      oneTooMany.setSoTimeout((int) ANSWER_DEADLINE.toMillis());
      oneTooMany.getOutputStream().write(("GET /api/tiles HTTP/1.1\r\n" + RawHttp.host(server) + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertEquals(-1, readUntilClosed(oneTooMany), "closed unanswered, not queued");
    } catch (SocketException closedWhileWriting) {
      // closed before the request was even written: the same refusal
    }
    for (Socket abuser : abusers) {
      abuser.close();
    }
    assertTrue(getWithin(ANSWER_DEADLINE, "/api/tiles").contains(HOUR_TRANSACTIONS));
  }

  @Test
  void fiftyClientsForThreeSecondsAreAllAnsweredCorrectly() throws Exception {
    // Each client asks in turn a valid, a hostile and an unknown path; every answer must be the right one.
    Map<String, Integer> expected = Map.of(
        "/api/tiles", 200,
        "/api/top-products?limit=3&minutes=1440", 200,
        "/api/sales-by-store?minutes=1%20OR%201%3D1", 400,
        "/api/nothing", 404);
    List<String> targets = new ArrayList<>(expected.keySet());
    HttpClient http = HttpClient.newHttpClient();
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    Instant end = Instant.now().plusSeconds(3);
    ExecutorService clients = Executors.newFixedThreadPool(50);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 50; c++) {
        int client = c;
        running.add(clients.submit(() -> {
          for (int i = client; Instant.now().isBefore(end); i++) {
            String target = targets.get(i % targets.size());
            String outcome;
            try {
              HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + target.substring(1)))
                  .timeout(ANSWER_DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
              outcome = response.statusCode() == expected.get(target) ? "right" : target + " -> " + response.statusCode();
            } catch (IOException | InterruptedException e) {
              outcome = target + " -> " + e;
            }
            outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      clients.shutdownNow();
    }
    Map<String, Integer> counts = new TreeMap<>();
    outcomes.forEach((outcome, n) -> counts.put(outcome, n.get()));
    assertEquals(1, counts.size(), "every answer right: " + counts);
    assertTrue(counts.get("right") >= 50, "each client was answered at least once: " + counts);
    assertTrue(getWithin(ANSWER_DEADLINE, "/api/tiles").contains(HOUR_TRANSACTIONS), "and the server still answers");
  }

  @Test
  void whileEveryQuerySlotIsTakenAFurtherQueryIs503AndThePageStillLoads() throws Exception {
    CountDownLatch querying = new CountDownLatch(QuerySlots.SLOTS);
    CountDownLatch release = new CountDownLatch(1);
    Path file = dir.resolve("slow.duckdb");
    DashboardFixture slow = DashboardFixture.create(file).handChecked();
    try (DashboardServer busy = DashboardServer.start(ListenAddress.of("host", "127.0.0.1", "port", 0),
        new Dashboard(() -> {
          querying.countDown();
          try {
            release.await(); // a query that takes as long as the test wants
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
          }
          return slow.database().readConnection();
        }, Clock.fixed(at("10:05:30"), ZoneOffset.UTC)), Duration.ofSeconds(1))) {
      HttpClient http = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> slowOnes = new ArrayList<>();
      for (int i = 0; i < QuerySlots.SLOTS; i++) {
        slowOnes.add(http.sendAsync(HttpRequest.newBuilder(URI.create(busy.url() + "api/tiles")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      assertTrue(querying.await(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS), "four queries under way");

      RawHttp.Answer turnedAway = RawHttp.get(busy, "/api/top-products");
      assertEquals(503, turnedAway.status(), turnedAway.text());
      assertEquals("busy: all 4 query slots were taken for 1 s; try again\n", turnedAway.body());
      assertEquals("5", turnedAway.header("Retry-After"));
      assertEquals(200, RawHttp.get(busy, "/").status(), "the page needs no query slot");

      release.countDown();
      for (CompletableFuture<HttpResponse<String>> answer : slowOnes) {
        assertTrue(answer.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS).body().contains(HOUR_TRANSACTIONS));
      }
    } finally {
      release.countDown();
      DuckDbDatabase.closeIfOpen(file.toString());
    }
  }

  private Socket connect(String firstBytes) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.getOutputStream().write(firstBytes.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** -1 once the server closes (or resets) the connection; fails the test if it keeps it open past the timeout. */
  private static int readUntilClosed(Socket socket) throws IOException {
    try {
      int b;
      do {
        b = socket.getInputStream().read();
      } while (b >= 0);
      return b;
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError("still open after " + socket.getSoTimeout() + " ms", e);
    } catch (SocketException reset) {
      return -1;
    }
  }

  private String getWithin(Duration deadline, String target) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.url() + target.substring(1))).timeout(deadline).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
