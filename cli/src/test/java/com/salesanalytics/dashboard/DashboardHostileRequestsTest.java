package com.salesanalytics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an attacker sends the dashboard, byte for byte over a socket: SQL in the parameters, numbers
 * that are not, broken encodings, paths out of the web root, oversized and odd requests. Each gets
 * a short one-line refusal (or, past the JDK server's own limits, a closed connection), never data,
 * a file, a stack trace or a hung server.
 */
class DashboardHostileRequestsTest {
  /** The hand-checked fixture's transactions in the last hour (DashboardApiTest works it out). */
  private static final String HOUR_TRANSACTIONS = "\"transactions\":13,";

  @TempDir Path dir;
  private DashboardServer server;

  @BeforeEach
  void serveTheFixture() throws SQLException {
    server = DashboardApiTest.serveHandChecked(dir.resolve("dashboard.duckdb"));
  }

  @AfterEach
  void stop() {
    server.close();
    DuckDbDatabase.closeIfOpen(dir.resolve("dashboard.duckdb").toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    // had the value reached the SQL text, each would change what the query returns
    "/api/top-products?limit=1%20OR%201%3D1| limit: expected a whole number from 1 to 50, got '1 OR 1=1'",
    "/api/top-products?limit=10'%20--| limit: expected a whole number from 1 to 50, got '10' --'",
    "/api/sales-by-store?minutes=5%3B%20DROP%20TABLE%20sales_store_kpis%3B--"
        + "| minutes: expected a whole number from 1 to 1440, got '5; DROP TABLE sales_store_kpis;--'",
    "/api/items-per-transaction?minutes=60)%20UNION%20SELECT%201%2C1--"
        + "| minutes: expected a whole number from 1 to 1440, got '60) UNION SELECT 1,1--'",
    "/api/top-products?minutes=1440&limit=(SELECT%20count(*)%20FROM%20sales_raw)"
        + "| limit: expected a whole number from 1 to 50, got '(SELECT count(*) FROM sales_raw)'",
    "/api/tiles?1%3D1%20OR%20x=1| unknown parameter '1=1 OR x'; this endpoint takes none",
  })
  void sqlInAParameterIsRefusedNamingItAndChangesNothing(String target, String message) throws Exception {
    RawHttp.Answer answer = RawHttp.get(server, target);
    assertEquals(400, answer.status(), answer.text());
    assertEquals(message.strip() + "\n", answer.body());
    assertTrue(RawHttp.get(server, "/api/tiles").body().contains(HOUR_TRANSACTIONS), "the tables are intact");
  }

  @ParameterizedTest(name = "minutes={0}")
  @ValueSource(strings = {"1e3", "NaN", "Infinity", "-0", "0x10", "%2B5", "%205", "5%20", "5.0", "%EF%BC%95",
      "99999999999999999999999999999999", "2147483648", "", "1440%00"})
  void aNumberThatIsNotAPlainWholeNumberIs400(String value) throws Exception {
    RawHttp.Answer answer = RawHttp.get(server, "/api/sales-by-store?minutes=" + value);
    assertEquals(400, answer.status(), answer.text());
    assertTrue(answer.body().startsWith("minutes: expected a whole number from 1 to 1440, got '"), answer.body());
    assertOneShortLine(answer);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "/api/sales-by-store?minutes=%C3%28| minutes: expected a whole number from 1 to 1440, got '\uFFFD('",
    "/api/sales-by-store?minutes=%00%1B%7F| minutes: expected a whole number from 1 to 1440, got '???'",
    "/api/sales-by-store?m%C3%AFnutes=5| unknown parameter 'm\u00efnutes'; expected minutes",
    "/api/sales-by-store?minutes=%E2%80%AE5| minutes: expected a whole number from 1 to 1440, got '\u202E5'",
    // line and paragraph separators end a line for JavaScript, editors and log viewers
    "/api/sales-by-store?minutes=1%E2%80%A82%E2%80%A93%C2%854| minutes: expected a whole number from 1 to 1440, got '1?2?3?4'",
    // the echo is cut after 40 characters, never inside one: an emoji stays whole
    "/api/sales-by-store?minutes=123456789012345678901234567890123456789%F0%9F%98%80x"
        + "| minutes: expected a whole number from 1 to 1440, got '123456789012345678901234567890123456789\uD83D\uDE00...'",
  })
  void unicodeAndControlCharactersAreEchoedOnOneLine(String target, String message) throws Exception {
    RawHttp.Answer answer = RawHttp.get(server, target);
    assertEquals(400, answer.status(), answer.text());
    assertEquals(message.strip() + "\n", answer.body());
  }

  @Test
  void aLineBreakInAParameterInjectsNoHeader() throws Exception {
    RawHttp.Answer answer = RawHttp.get(server, "/api/top-products?limit=1%0D%0AX-Injected:%20yes%0D%0A%0D%0A%3Cscript%3E");
    assertEquals(400, answer.status(), answer.text());
    assertEquals("limit: expected a whole number from 1 to 50, got '1??X-Injected: yes????<script>'\n", answer.body());
    assertNull(answer.header("X-Injected"));
    assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"), "never rendered as HTML");
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "/../etc/passwd",
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/..%5c..%5cetc%5cpasswd",
    "/%2fetc%2fpasswd",
    "/etc/passwd",
    "/vendor/../../etc/passwd",
    "/vendor/../dashboard.js",
    "/./index.html",
    "/index.html%00",
    "/dashboard.js%00.html",
    "/dashboard/index.html",
    "/META-INF/MANIFEST.MF",
    "/proc/self/environ",
  })
  void aPathOutOfTheWebRootIs404AndServesNothing(String target) throws Exception {
    RawHttp.Answer answer = RawHttp.get(server, target);
    assertEquals(404, answer.status(), answer.text());
    assertEquals("not found: " + target + "\n", answer.body(), "the path as sent, and nothing else");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js| not found: /META-INF/resources/webjars/chart.js/4.5...",
    "/com/salesanalytics/dashboard/DashboardServer.class| not found: /com/salesanalytics/dashboard/DashboardS...",
  })
  void aClasspathResourceIsNotServedByItsPath(String target, String message) throws Exception {
    RawHttp.Answer answer = RawHttp.get(server, target);
    assertEquals(404, answer.status(), answer.text());
    assertEquals(message.strip() + "\n", answer.body(), "the path as sent, cut short");
  }

  @Test
  void aBackslashAnAuthorityOrAFileUriServesNoFile() throws Exception {
    RawHttp.Answer backslash = RawHttp.get(server, "/..\\..\\etc\\passwd");
    assertEquals(400, backslash.status(), "refused by the JDK's server as no URI: " + backslash.text());
    RawHttp.Answer authority = RawHttp.get(server, "//etc/passwd");
    assertEquals(404, authority.status(), authority.text());
    assertEquals("not found: /passwd\n", authority.body(), "a network-path reference: host etc, path /passwd");
    RawHttp.Answer fileUri = RawHttp.get(server, "file:///etc/passwd");
    assertEquals(404, fileUri.status(), fileUri.text());
    assertEquals("not found: /etc/passwd\n", fileUri.body());
  }

  @Test
  void anEchoedPathIsCutShort() throws Exception {
    String target = "/" + "a".repeat(500);
    RawHttp.Answer answer = RawHttp.get(server, target);
    assertEquals(404, answer.status());
    assertEquals("not found: /" + "a".repeat(39) + "...\n", answer.body());
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {8_193, 60_000})
  void aVeryLongUriIs414(int length) throws Exception {
    String target = "/api/tiles?" + "x".repeat(length - "/api/tiles?".length());
    RawHttp.Answer answer = RawHttp.get(server, target);
    assertEquals(414, answer.status(), answer.text().substring(0, Math.min(200, answer.text().length())));
    assertEquals("URI too long: " + length + " characters; at most 8192\n", answer.body());
  }

  @Test
  void headersBeyondTheServersLimitCloseTheConnectionUnanswered() throws Exception {
    RawHttp.Answer answer = RawHttp.send(server, "GET /api/tiles HTTP/1.1\r\n" + RawHttp.host(server)
        + "X-Padding: " + "p".repeat(100_000) + "\r\nConnection: close\r\n\r\n");
    assertTrue(answer.closedWithoutAnswer(), "the JDK's server drops it before any handler: " + answer.status());
    assertTrue(RawHttp.get(server, "/api/tiles").body().contains(HOUR_TRANSACTIONS), "and serves the next one");
  }

  @Test
  void tooManyHeadersCloseTheConnectionUnanswered() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      headers.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
    }
    RawHttp.Answer answer = RawHttp.send(server,
        "GET /api/tiles HTTP/1.1\r\n" + RawHttp.host(server) + headers + "Connection: close\r\n\r\n");
    assertTrue(answer.closedWithoutAnswer(), "the JDK's server drops it before any handler: " + answer.status());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "Content-Length: 10| 0123456789| request body: the dashboard takes none; got Content-Length: 10",
    "Content-Length: 1000000000000| {| request body: the dashboard takes none; got Content-Length: 1000000000000",
    "Transfer-Encoding: chunked| 5\\r\\nhello\\r\\n0\\r\\n\\r\\n| request body: the dashboard takes none; got Transfer-Encoding: chunked",
  })
  void aRequestBodyIs413(String header, String body, String message) throws Exception {
    RawHttp.Answer answer = RawHttp.send(server, "GET /api/tiles HTTP/1.1\r\n" + RawHttp.host(server)
        + header.strip() + "\r\n\r\n" + body.strip().replace("\\r\\n", "\r\n"));
    assertEquals(413, answer.status(), answer.text());
    assertEquals(message.strip() + "\n", answer.body());
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io", "10.0.0.1"})
  void anotherHostNameIs421SoThatARebindingPageReadsNothing(String host) throws Exception {
    // A page on evil.example whose name now resolves to 127.0.0.1: the browser sends its own name.
    RawHttp.Answer answer = RawHttp.send(server, "GET /api/tiles HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    assertEquals(421, answer.status(), answer.text());
    assertEquals("Host: '" + host + "' is not this dashboard's address; it listens on loopback and answers to"
        + " localhost, 127.0.0.1 or [::1] only\n", answer.body());
  }

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"127.0.0.1", "localhost", "LocalHost", "[::1]"})
  void aLoopbackHostNameIsServed(String name) throws Exception {
    RawHttp.Answer answer = RawHttp.send(server, "GET /api/tiles HTTP/1.1\r\nHost: " + name + ":" + server.port()
        + "\r\nConnection: close\r\n\r\n");
    assertEquals(200, answer.status(), answer.text());
    assertTrue(answer.body().contains(HOUR_TRANSACTIONS), answer.body());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get"})
  void anotherMethodIs405(String method) throws Exception {
    RawHttp.Answer answer = RawHttp.send(server, method + " /api/tiles HTTP/1.1\r\n" + RawHttp.host(server)
        + "Content-Length: 0\r\nConnection: close\r\n\r\n");
    assertEquals(405, answer.status(), answer.text());
    assertEquals("method not allowed: " + method + "; use GET\n", answer.body());
    assertEquals("GET, HEAD", answer.header("Allow"));
  }

  @Test
  void aPostOfAMegabyteIs405WithoutReadingIt() throws Exception {
    RawHttp.Answer answer = RawHttp.send(server, "POST /api/tiles HTTP/1.1\r\n" + RawHttp.host(server)
        + "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n" + "{".repeat(1024));
    assertEquals(405, answer.status(), answer.text());
    assertTrue(RawHttp.get(server, "/api/tiles").body().contains(HOUR_TRANSACTIONS), "and serves the next one");
  }

  private static void assertOneShortLine(RawHttp.Answer answer) {
    assertEquals(1, answer.body().lines().count(), answer.body());
    assertTrue(answer.body().length() < 200, answer.body());
    assertFalse(answer.body().contains("Exception"), answer.body());
  }
}
