package com.salesanalytics.dashboard;

import com.salesanalytics.pipelines.Cli;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP server (the JDK's own): the page, its assets and the JSON API. Started by
 * the demo next to the pipeline, on the writer's connection, and by the {@code dashboard} command
 * on a finished file.
 */
public final class DashboardServer implements AutoCloseable {
  /** Threads no longer needed go after this; a page refreshing every 2 s keeps a few. */
  private static final long IDLE_THREAD_SECONDS = 30;

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI url;

  private DashboardServer(HttpServer server, ExecutorService executor, URI url) {
    this.server = server;
    this.executor = executor;
    this.url = url;
  }

  /**
   * Listens on {@code address} and serves {@code dashboard} until closed. A port that is taken is
   * a {@link Cli.Failure} naming the options.
   */
  public static DashboardServer start(ListenAddress address, Dashboard dashboard) {
    return start(address, dashboard, QuerySlots.WAIT);
  }

  /** As above, with how long an API request may wait for a query slot before it is a 503. */
  static DashboardServer start(ListenAddress address, Dashboard dashboard, Duration queryWait) {
    StaticFiles files = StaticFiles.load();
    HttpLimits.apply();
    HttpServer server;
    try {
      server = HttpServer.create(address.socketAddress(), 0);
    } catch (IOException e) {
      throw new Cli.Failure("--" + address.hostOption() + "=" + address.host() + " --" + address.portOption() + "="
          + address.port() + ": cannot listen there: " + e.getMessage()
          + " (choose another port, or 0 for any free one)");
    }
    // The JDK's server reads each request on a thread of the executor, so a client that sends half a
    // request holds one until HttpLimits.MAX_REQUEST_SECONDS. With a few threads, a few such clients
    // would queue everyone else behind them, and past that limit, which counts from a request's first
    // byte: cut off with them. So a thread per connection (at most HttpLimits.MAX_CONNECTIONS), and
    // what costs, the queries, is bounded by QuerySlots instead.
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = new ThreadPoolExecutor(0, HttpLimits.MAX_CONNECTIONS, IDLE_THREAD_SECONDS,
        TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
          Thread thread = new Thread(task, "dashboard-http-" + threads.incrementAndGet());
          thread.setDaemon(true); // never what keeps the JVM alive: the demo ends when its pipeline does
          return thread;
        }); // one more is refused, and the JDK's server then closes that connection
    server.setExecutor(executor);
    server.createContext("/", new DashboardHandler(ApiRoutes.of(dashboard), files, AllowedHosts.of(address),
        new QuerySlots(queryWait)));
    server.start();
    try {
      URI url = new URI("http", null, address.host(), server.getAddress().getPort(), "/", null, null);
      return new DashboardServer(server, executor, url);
    } catch (URISyntaxException e) {
      server.stop(0);
      executor.shutdownNow();
      throw new IllegalArgumentException("--" + address.hostOption() + ": not a host name: " + address.host(), e);
    }
  }

  /** Where to point a browser, e.g. http://127.0.0.1:8080/. */
  public URI url() {
    return url;
  }

  public int port() {
    return url.getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
