package com.salesanalytics.dashboard;

import com.salesanalytics.pipelines.Cli;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP server (the JDK's own): the page, its assets and the JSON API. Started by
 * the demo next to the pipeline, on the writer's connection, and by the {@code dashboard} command
 * on a finished file.
 */
public final class DashboardServer implements AutoCloseable {
  /**
   * A few threads: each request reads on its own connection, and the page makes four at a time. A
   * thread also reads the request itself, for at most {@link HttpLimits#MAX_REQUEST_SECONDS}; the
   * queue behind them is bounded by {@link HttpLimits#MAX_CONNECTIONS}, a request a connection.
   */
  private static final int THREADS = 4;

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
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
      Thread thread = new Thread(task, "dashboard-http-" + threads.incrementAndGet());
      thread.setDaemon(true); // never what keeps the JVM alive: the demo ends when its pipeline does
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", new DashboardHandler(ApiRoutes.of(dashboard), files, AllowedHosts.of(address)));
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
