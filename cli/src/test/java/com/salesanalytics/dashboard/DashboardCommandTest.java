package com.salesanalytics.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.Console;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.pipelines.Cli;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dashboard}: a finished file, opened read-only; every problem is one line naming the option. */
class DashboardCommandTest {
  @TempDir Path dir;

  @Test
  void aFinishedFileIsServedReadOnlyAndLeftUnchanged() throws Exception {
    Path file = dir.resolve("finished.duckdb");
    DashboardFixture.create(file).handChecked();
    DuckDbDatabase.closeIfOpen(file.toString());
    String before = digest(file);

    try (DashboardCommand.Running running = DashboardCommand.open(options("--duckdbPath=" + file, "--port=0"))) {
      HttpResponse<String> tiles = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(running.server().url() + "api/tiles")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, tiles.statusCode(), tiles.body());
      assertTrue(tiles.body().contains("\"as_of\":\"2026-11-24T10:05:00Z\""), tiles.body());
      assertTrue(tiles.body().contains("\"revenue\":\"92.40\""), tiles.body());
      Exception refused = assertThrows(Exception.class, () -> {
        try (Connection c = running.connection().duplicate(); Statement s = c.createStatement()) {
          s.execute("DELETE FROM sales_store_kpis");
        }
      });
      assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
    }
    assertEquals(before, digest(file), "nothing written to the file");
    assertFalse(Files.exists(Path.of(file + ".wal")), "no write-ahead log either");
  }

  @Test
  void listensOnThisMachineOnlyByDefault() throws Exception {
    Path file = dir.resolve("finished.duckdb");
    DashboardFixture.create(file);
    DuckDbDatabase.closeIfOpen(file.toString());
    InetAddress outside = anAddressOfThisMachineOtherThanLoopback();
    try (DashboardCommand.Running running = DashboardCommand.open(options("--duckdbPath=" + file, "--port=0"))) {
      int port = running.server().port();
      new Socket("127.0.0.1", port).close();
      assertThrows(ConnectException.class, () -> new Socket(outside, port).close(),
          "not reachable on " + outside.getHostAddress());
    }
  }

  @Test
  void theDemosDashboardListensOnThisMachineOnlyByDefault() throws Exception {
    ListenAddress address = DemoDashboardOptions.listenAddress(PipelineOptionsFactory.create().as(DemoDashboardOptions.class));
    assertEquals("127.0.0.1", address.host());
  }

  @Test
  void aMissingFileIsOneLine() {
    Console.Outcome outcome = run("--duckdbPath=" + dir.resolve("nothing.duckdb"));
    assertEquals(2, outcome.status());
    assertEquals("error: --duckdbPath: no such file: " + dir.resolve("nothing.duckdb")
        + " (run the demo first, or give the file a pipeline wrote)", outcome.err().strip());
    assertFalse(Files.exists(dir.resolve("nothing.duckdb")), "not created");
  }

  @Test
  void aFileThatIsNotDuckDbIsOneLine() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.duckdb"), "not a database");
    Console.Outcome outcome = run("--duckdbPath=" + junk);
    assertEquals(2, outcome.status());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("error: --duckdbPath: " + junk + " is not a DuckDB database;"), outcome.err());
    assertEquals("not a database", Files.readString(junk), "left as it was");
  }

  @Test
  void aFileFromAnotherVersionIsOneLineAndUntouched() throws Exception {
    Path old = dir.resolve("old.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sales_raw (message_id VARCHAR, payload VARCHAR)");
    }
    String before = digest(old);
    Console.Outcome outcome = run("--duckdbPath=" + old);
    assertEquals(2, outcome.status());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
    assertTrue(outcome.err().contains(old + " was made by another version of the pipelines: sales_raw has columns"
        + " [message_id, payload], this version writes ["), outcome.err());
    assertEquals(before, digest(old));
  }

  @Test
  void aTakenPortIsOneLineNamingTheOptions() throws Exception {
    Path file = dir.resolve("finished.duckdb");
    DashboardFixture.create(file);
    DuckDbDatabase.closeIfOpen(file.toString());
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Console.Outcome outcome = run("--duckdbPath=" + file, "--port=" + taken.getLocalPort());
      assertEquals(1, outcome.status());
      assertEquals("error: --host=127.0.0.1 --port=" + taken.getLocalPort() + ": cannot listen there: Address already"
          + " in use (choose another port, or 0 for any free one)", outcome.err().strip());
    }
  }

  private static Console.Outcome run(String... args) {
    return Console.capture(() -> Cli.run(DashboardCommand::execute, args));
  }

  private static DashboardCommand.Options options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(DashboardCommand.Options.class);
  }

  private static InetAddress anAddressOfThisMachineOtherThanLoopback() throws Exception {
    for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
        if (nic.isUp() && !address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
          return address;
        }
      }
    }
    Assumptions.assumeTrue(false, "this machine has no network address besides loopback to try");
    throw new AssertionError("unreachable");
  }

  private static String digest(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
