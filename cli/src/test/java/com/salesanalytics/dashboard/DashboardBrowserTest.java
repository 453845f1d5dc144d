package com.salesanalytics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.local.DemoPipeline;
import com.salesanalytics.pipelines.Cli;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (Debian's Chromium, driven by its chromedriver; nothing downloads):
 * what it shows after a refresh equals what the same questions asked of DuckDB directly answer, on
 * a warehouse full of sales and on what a short demo wrote. Skipped, saying why, where Chromium is
 * not installed. The first test writes target/dashboard.png, and the file named by the system
 * property dashboard.screenshot (README: how the committed docs/dashboard.png is made).
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static ChromeDriver browser;
  private static Path profile;

  @TempDir Path dir;
  private DashboardServer server;
  private DuckDbDatabase database;

  @BeforeAll
  static void startChromium() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "); apt-get install -y chromium chromium-driver (.ci/run does)");
    profile = Files.createTempDirectory("dashboard-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1440,1300", "--hide-scrollbars");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopChromium() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      DuckDbDatabase.closeIfOpen(database.path().toString());
    }
  }

  @Test
  void aWarehouseFullOfSalesIsWhatThePageShowsAndItFollowsNewRowsWithoutReloading() throws Exception {
    Instant asOf = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    DashboardFixture fixture = DashboardFixture.create(dir.resolve("full.duckdb")).realistic(asOf);
    database = fixture.database();
    server = DashboardApiTest.serve(new Dashboard(database::readConnection, Clock.systemUTC()));

    browser.get(server.url().toString());
    waitForRefreshAfter(0);
    assertPageShowsTheWarehouse();
    assertTrue(amountsOf("revenue-minute").size() == 2, "USD and EUR, side by side");
    assertTrue(isProvisional("revenue-minute"), "the newest minute is not final yet");
    saveScreenshot();

    Object loadedPage = js("return window.dashboardLoadId");
    fixture.kpi("store-01", asOf, "USD", 1000, 2000, "12345.67", 10, 990, "100.00", true);
    fixture.execute("UPDATE sales_store_kpis SET is_final = true");
    // The page refreshes every 2 s, on its own: the next refresh may have asked before the rows
    // were written, the one after cannot have.
    waitForRefreshAfter(refreshes() + 1);
    assertEquals(loadedPage, js("return window.dashboardLoadId"), "refreshed in place, not reloaded");
    assertEquals("1,000", tileValue("transactions-minute"));
    assertEquals("USD 12,345.67", amountsOf("revenue-minute").get("USD"));
    assertTrue(!isProvisional("revenue-minute"), "final now: the badge is gone");
    assertPageShowsTheWarehouse();
  }

  @Test
  void theDemoServesTheDashboardWhileItRunsAndThePageShowsWhatTheDemoWrote() throws Exception {
    Path file = dir.resolve("demo.duckdb");
    PipedOutput out = new PipedOutput();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    CompletableFuture<Integer> demo;
    try {
      demo = CompletableFuture.supplyAsync(() -> Cli.run(DemoPipeline::execute, new String[] {
          "--maxEvents=400", "--eventsPerSecond=1000", "--progressIntervalSeconds=1", "--dashboardPort=0",
          "--startTime=2026-11-24", "--seed=11", "--duckdbPath=" + file}));
      String url = out.await(Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)"), demo);
      browser.get(url);
      waitForRefreshAfter(0);
      assertEquals(0, demo.get(2, TimeUnit.MINUTES), out.text());
    } finally {
      System.setOut(stdout);
    }
    assertTrue(out.text().contains("demo DONE"), out.text());

    // The demo has stopped its dashboard and closed the file; open it again in this JVM and check
    // the page against what the demo wrote.
    database = DuckDbDatabase.open(file.toString());
    server = DashboardApiTest.serve(new Dashboard(database::readConnection, Clock.systemUTC()));
    browser.get(server.url().toString());
    waitForRefreshAfter(0);
    assertPageShowsTheWarehouse();
    assertTrue(count("SELECT count(*) FROM sales_cleaned") > 0, "the demo wrote sales");
  }

  /** Every tile and chart against the same question asked of DuckDB directly. */
  private void assertPageShowsTheWarehouse() throws SQLException {
    String asOf = "(SELECT max(window_end) FROM sales_store_kpis)";
    for (String[] tile : new String[][] {{"minute", "1"}, {"hour", "60"}}) {
      String span = " FROM sales_store_kpis WHERE window_start >= " + asOf + " - INTERVAL " + tile[1] + " MINUTE";
      Map<String, String> revenue = new TreeMap<>();
      Map<String, Boolean> provisional = new TreeMap<>();
      long transactions = 0;
      for (List<String> row : rows("SELECT currency, sum(revenue), sum(transactions), bool_or(NOT is_final)" + span
          + " GROUP BY currency")) {
        revenue.put(row.get(0), row.get(0) + " " + grouped(money(new BigDecimal(row.get(1)))));
        provisional.put(row.get(0), Boolean.parseBoolean(row.get(3)));
        transactions += Long.parseLong(row.get(2));
      }
      assertEquals(revenue, new TreeMap<>(amountsOf("revenue-" + tile[0])), "revenue, last " + tile[0]);
      assertEquals(provisional, provisionalCurrencies("revenue-" + tile[0]), "provisional, last " + tile[0]);
      assertEquals(revenue.isEmpty() ? "—" : grouped(String.valueOf(transactions)), tileValue("transactions-" + tile[0]));
      assertEquals(provisional.containsValue(true), isProvisional("transactions-" + tile[0]));
    }
    String hour = " FROM sales_store_kpis WHERE window_start >= " + asOf + " - INTERVAL 60 MINUTE";
    List<String> items = rows("SELECT sum(items), sum(transactions)" + hour).get(0);
    assertEquals(items.get(0) == null ? "—" : ratio(new BigDecimal(items.get(0)), Long.parseLong(items.get(1))),
        tileValue("items-per-transaction"));
    // each customer once in the hour, from the sales (a KPI row counts them per store and minute),
    // for the currencies the KPI rows of the hour show
    Map<String, String> spend = new TreeMap<>();
    for (List<String> row : rows("SELECT currency, sum(total_amount), count(DISTINCT customer_id) FROM sales_cleaned_unique"
        + " WHERE customer_id IS NOT NULL AND event_timestamp >= " + asOf + " - INTERVAL 60 MINUTE"
        + " AND event_timestamp < " + asOf + " AND currency IN (SELECT currency" + hour + ") GROUP BY currency")) {
      spend.put(row.get(0), row.get(0) + " " + grouped(ratio(new BigDecimal(row.get(1)), Long.parseLong(row.get(2)))));
    }
    assertEquals(spend, new TreeMap<>(amountsOf("avg-spend")), "average spend per customer");

    List<String> health = rows("SELECT sum(dead_lettered), sum(events_in), sum(duplicates), sum(dropped_late)"
        + " FROM sales_pipeline_health WHERE window_start >="
        + " (SELECT max(window_end) FROM sales_pipeline_health) - INTERVAL 60 MINUTE").get(0);
    if (health.get(0) == null) {
      assertEquals(List.of("—", "—", "—"), List.of(tileValue("dead-letter-rate"), tileValue("duplicates"),
          tileValue("late-drops")));
    } else {
      assertEquals(ratio(new BigDecimal(health.get(0)).multiply(BigDecimal.valueOf(100)), Long.parseLong(health.get(1)))
          + " %", tileValue("dead-letter-rate"));
      assertEquals(grouped(health.get(2)), tileValue("duplicates"));
      assertEquals(grouped(health.get(3)), tileValue("late-drops"));
    }
    String newest = rows("SELECT max(event_timestamp) FROM sales_cleaned").get(0).get(0);
    WebElement freshness = tile("freshness").findElement(By.cssSelector(".value"));
    assertEquals(newest == null ? "" : OffsetDateTime.parse(newest.replace(' ', 'T')
            .replaceFirst("([+-]\\d\\d)$", "$1:00")).toInstant().toString(),
        freshness.getAttribute("data-newest-event"), "newest sale");

    // Charts: what Chart.js holds is what the warehouse says.
    String chartAsOf = "coalesce(" + asOf + ", date_trunc('minute', (SELECT max(event_timestamp) FROM sales_cleaned))"
        + " + INTERVAL 1 MINUTE)";
    assertEquals(count("SELECT coalesce(sum(transactions), 0) FROM sales_store_kpis WHERE window_start >= "
            + chartAsOf + " - INTERVAL 30 MINUTE"),
        ((Number) js("return Chart.getChart('chart-sales-by-store').data.datasets"
            + ".flatMap(d => d.data).reduce((a, b) => a + b, 0)")).longValue(), "sales by store, 30 minutes");
    assertEquals(count("SELECT count(*) FROM sales_cleaned_unique WHERE event_timestamp >= " + chartAsOf
            + " - INTERVAL 60 MINUTE AND event_timestamp < " + chartAsOf),
        ((Number) js("return Chart.getChart('chart-items').data.datasets[0].data.reduce((a, b) => a + b, 0)")).longValue(),
        "items per transaction: every sale of the hour once");
    List<String> topProducts = new ArrayList<>();
    rows("WITH lines AS (SELECT l.* FROM sales_line_items l JOIN sales_cleaned_unique u USING (message_id)"
        + " WHERE u.event_timestamp >= " + chartAsOf + " - INTERVAL 60 MINUTE AND u.event_timestamp < " + chartAsOf + "),"
        + " main AS (SELECT currency FROM lines GROUP BY currency ORDER BY count(DISTINCT transaction_id) DESC, currency LIMIT 1)"
        + " SELECT product_id, sum(line_amount) AS revenue FROM lines WHERE currency = (SELECT currency FROM main)"
        + " GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT 10")
        .forEach(row -> topProducts.add(row.get(0)));
    assertEquals(topProducts, js("return Chart.getChart('chart-top-products').data.labels"), "top products, main currency");
  }

  // --- reading the page -------------------------------------------------------------------------

  private WebElement tile(String name) {
    return browser.findElement(By.cssSelector("[data-tile='" + name + "']"));
  }

  private String tileValue(String name) {
    return tile(name).findElement(By.cssSelector(".value")).getText().strip();
  }

  /** Currency -> what the tile shows for it, e.g. USD -> "USD 1,234.50". */
  private Map<String, String> amountsOf(String name) {
    Map<String, String> amounts = new TreeMap<>();
    for (WebElement amount : tile(name).findElements(By.cssSelector(".amount"))) {
      amounts.put(amount.getAttribute("data-currency"), amount.getText().replace("provisional", "").strip());
    }
    return amounts;
  }

  private Map<String, Boolean> provisionalCurrencies(String name) {
    Map<String, Boolean> provisional = new TreeMap<>();
    for (WebElement amount : tile(name).findElements(By.cssSelector(".amount"))) {
      provisional.put(amount.getAttribute("data-currency"), amount.getAttribute("class").contains("provisional"));
    }
    return provisional;
  }

  /** The tile carries the visible "provisional" badge. */
  private boolean isProvisional(String name) {
    return tile(name).findElement(By.cssSelector(".badge-provisional")).isDisplayed();
  }

  private int waitForRefreshAfter(int refreshes) {
    new WebDriverWait(browser, WAIT).until(b -> refreshes() > refreshes);
    return refreshes();
  }

  private int refreshes() {
    Object count = js("return Number(document.body.dataset.refreshes || 0)");
    return ((Number) count).intValue();
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private void saveScreenshot() throws Exception {
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "dashboard.png"), png);
    String copy = System.getProperty("dashboard.screenshot");
    if (copy != null && !copy.isBlank()) {
      Files.write(Path.of(copy), png);
    }
  }

  // --- asking DuckDB ----------------------------------------------------------------------------

  private List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = database.readConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private long count(String sql) throws SQLException {
    return Long.parseLong(rows(sql).get(0).get(0));
  }

  private static String money(BigDecimal amount) {
    BigDecimal trimmed = amount.stripTrailingZeros();
    return (trimmed.scale() < 2 ? trimmed.setScale(2) : trimmed).toPlainString();
  }

  private static String ratio(BigDecimal numerator, long denominator) {
    return numerator.divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP).toPlainString();
  }

  /** 12345.67 -> 12,345.67, as the page writes numbers. */
  private static String grouped(String number) {
    int point = number.indexOf('.');
    String whole = point < 0 ? number : number.substring(0, point);
    return whole.replaceAll("\\B(?=(\\d{3})+$)", ",") + (point < 0 ? "" : number.substring(point));
  }

  /** Collects what the demo prints, so the test can find the URL of its dashboard. */
  private static final class PipedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    String await(Pattern pattern, CompletableFuture<Integer> demo) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (System.nanoTime() < deadline && !demo.isDone()) {
        Matcher m = pattern.matcher(text());
        if (m.find()) {
          return m.group(1);
        }
        Thread.sleep(50);
      }
      throw new AssertionError("the demo printed no dashboard URL: " + text());
    }
  }
}
