package com.salesanalytics.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page and its assets, read from the classpath once at start: the dashboard's own files under
 * {@code /dashboard/} and Chart.js from its webjar, so that nothing is fetched from a CDN.
 */
final class StaticFiles {
  /** The Chart.js webjar's version (pom.xml, chartjs.version): it is part of the path inside the jar. */
  static final String CHART_JS_VERSION = "4.5.1";
  static final String CHART_JS_RESOURCE =
      "/META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.min.js";

  /** A file's bytes and content type. */
  record File(byte[] bytes, String contentType) {}

  private final Map<String, File> files;

  private StaticFiles(Map<String, File> files) {
    this.files = files;
  }

  /** Loads every file now, so that a missing one fails the start rather than a request. */
  static StaticFiles load() {
    File index = read("/dashboard/index.html", "text/html; charset=utf-8");
    return new StaticFiles(Map.of(
        "/", index,
        "/index.html", index,
        "/dashboard.js", read("/dashboard/dashboard.js", "text/javascript; charset=utf-8"),
        "/dashboard.css", read("/dashboard/dashboard.css", "text/css; charset=utf-8"),
        "/vendor/chart.umd.min.js", read(CHART_JS_RESOURCE, "text/javascript; charset=utf-8")));
  }

  Optional<File> get(String path) {
    return Optional.ofNullable(files.get(path));
  }

  private static File read(String resource, String contentType) {
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource " + resource + " is missing from the classpath");
      }
      return new File(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard resource " + resource, e);
    }
  }
}
