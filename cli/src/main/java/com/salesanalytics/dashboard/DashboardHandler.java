package com.salesanalytics.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes a request to the API or a static file. Errors are one line of text: 400 names the
 * parameter, 404 the path, 405 the method, 413 the body, 414 the length, 421 the host, 503 says
 * the queries are all busy (what the client sent is quoted short, see {@link Echo}); anything unexpected is logged here with its stack
 * trace and answered with a 500 that tells nothing about the internals.
 */
final class DashboardHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(DashboardHandler.class.getName());

  private final Map<String, ApiRoutes.Route> api;
  private final StaticFiles files;
  private final AllowedHosts hosts;
  private final QuerySlots querySlots;

  DashboardHandler(Map<String, ApiRoutes.Route> api, StaticFiles files, AllowedHosts hosts, QuerySlots querySlots) {
    this.api = api;
    this.files = files;
    this.hosts = hosts;
    this.querySlots = querySlots;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!head && !"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        sendText(exchange, 405, "method not allowed: " + Echo.of(exchange.getRequestMethod()) + "; use GET", false);
        return;
      }
      Optional<Refusal> refusal = refusal(exchange);
      if (refusal.isPresent()) {
        sendText(exchange, refusal.get().status(), refusal.get().message(), head);
        return;
      }
      ApiRoutes.Route route = api.get(path);
      if (route != null) {
        answerApi(exchange, route, head);
        return;
      }
      Optional<StaticFiles.File> file = files.get(path);
      if (file.isPresent()) {
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, file.get().contentType(), file.get().bytes(), head);
      } else {
        sendText(exchange, 404, "not found: " + Echo.of(path), head);
      }
    }
  }

  /**
   * Why a GET or HEAD is refused before routing: a Host that is not this server's name (421, see
   * {@link AllowedHosts}), a request target longer than any of the dashboard's (414), or a body,
   * which none of them takes (413; it is not read: after the answer the JDK's server drops up to 64
   * KiB of it, within its request time limit, and closes the connection if more is coming).
   */
  private Optional<Refusal> refusal(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (!hosts.allows(host)) {
      return Optional.of(new Refusal(421, "Host: '" + Echo.of(host) + "' is not this dashboard's address;"
          + " it listens on loopback and answers to localhost, 127.0.0.1 or [::1] only"));
    }
    int length = exchange.getRequestURI().toString().length();
    if (length > HttpLimits.MAX_URI_LENGTH) {
      return Optional.of(
          new Refusal(414, "URI too long: " + length + " characters; at most " + HttpLimits.MAX_URI_LENGTH));
    }
    for (String header : new String[] {"Transfer-Encoding", "Content-Length"}) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null && !(header.equals("Content-Length") && value.strip().equals("0"))) {
        return Optional.of(
            new Refusal(413, "request body: the dashboard takes none; got " + header + ": " + Echo.of(value)));
      }
    }
    return Optional.empty();
  }

  /** A status and its one line. */
  private record Refusal(int status, String message) {}

  private void answerApi(HttpExchange exchange, ApiRoutes.Route route, boolean head) throws IOException {
    byte[] body;
    try {
      QueryParams params = QueryParams.parse(exchange.getRequestURI().getRawQuery(), route.parameters());
      Optional<byte[]> answer = querySlots.run(() -> JsonBody.of(route.endpoint().answer(params)));
      if (answer.isEmpty()) {
        exchange.getResponseHeaders().set("Retry-After", "5");
        sendText(exchange, 503, "busy: all " + QuerySlots.SLOTS + " query slots were taken for "
            + querySlots.waitLimit().toSeconds() + " s; try again", head);
        return;
      }
      body = answer.get();
    } catch (BadRequest e) {
      sendText(exchange, 400, e.getMessage(), head);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendText(exchange, 503, "shutting down", head);
      return;
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "dashboard request " + exchange.getRequestURI() + " failed", e);
      sendText(exchange, 500, "internal error: the query failed; see the dashboard's log", head);
      return;
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, 200, "application/json; charset=utf-8", body, head);
  }

  private static void sendText(HttpExchange exchange, int status, String line, boolean head) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", (line + "\n").getBytes(StandardCharsets.UTF_8), head);
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
