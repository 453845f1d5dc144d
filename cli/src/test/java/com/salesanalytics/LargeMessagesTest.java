package com.salesanalytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few very large messages among ordinary ones: kept whole as dead letters, in a heap a few times
 * their size, not the gigabytes a local run took when every element was copied at every step.
 */
class LargeMessagesTest {
  private static final int LARGE = 4 * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void aBackfillWithFourFourMegabyteLinesRunsInA256MegabyteHeapAndKeepsThemWhole() throws Exception {
    Path events = dir.resolve("events.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      lines.add(TestSales.json("t-" + i, "store-0" + (i % 7), "1", "2.50"));
      if (i % 500 == 250) {
        lines.add("{\"transaction_id\":\"big-" + i + "\",\"blob\":\"" + "x".repeat(LARGE) + "\"}");
      }
    }
    Files.write(events, lines, StandardCharsets.UTF_8);
    Path db = dir.resolve("large.duckdb");

    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "com.salesanalytics.Main", "backfill",
        "--inputFilePattern=" + events, "--duckdbPath=" + db)
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
    boolean finished = run.waitFor(180, TimeUnit.SECONDS);
    String log = Files.readString(dir.resolve("run.log"));
    if (!finished) {
      run.destroyForcibly();
    }
    assertEquals(0, finished ? run.exitValue() : -1, log.length() > 2_000 ? log.substring(0, 2_000) : log);

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), min(length(payload)), max(error_code)"
            + " FROM sales_dead_letter WHERE payload LIKE '{\"transaction_id\":\"big-%'")) {
      r.next();
      assertEquals(4, r.getInt(1));
      assertEquals(LARGE + "{\"transaction_id\":\"big-250\",\"blob\":\"\"}".length(), r.getInt(2));
      assertEquals("INVALID_JSON", r.getString(3));
    }
  }
}
