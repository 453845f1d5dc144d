package com.salesanalytics.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo in a JVM of its own, as a user runs it ({@code java -cp <this classpath>
 * com.salesanalytics.Main demo ...}), read through its progress lines: memory is only honest in a
 * process that does nothing else.
 */
final class DemoProcess {
  private static final Pattern PROGRESS = Pattern.compile(
      "\\[(\\d+):(\\d+):(\\d+)] events in ([\\d,]+) \\| raw ([\\d,]+) \\| cleaned ([\\d,]+) \\| dead letters ([\\d,]+)"
          + " \\| duplicates ([\\d,]+) \\| ([\\d,]+) events/s \\| fresh (?:-|p50 ([\\d.]+) s, p99 ([\\d.]+) s)"
          + " \\| heap ([\\d,]+) MB, RSS ([\\d,]+) MB");

  /** One progress line of the child. */
  record Progress(long seconds, long eventsIn, long raw, long cleaned, long deadLetters, long duplicates,
      double freshP50, double freshP99, long heapMb, long rssMb) {
    /** Events whose clean outcome is stored: a cleaned row, a dead letter, or a duplicate counted. */
    long cleanedBranchDone() {
      return cleaned + deadLetters + duplicates;
    }

    static Progress parse(String line) {
      Matcher m = PROGRESS.matcher(line);
      if (!m.find()) {
        return null;
      }
      return new Progress(Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3)),
          number(m.group(4)), number(m.group(5)), number(m.group(6)), number(m.group(7)), number(m.group(8)),
          m.group(10) == null ? Double.NaN : Double.parseDouble(m.group(10)),
          m.group(11) == null ? Double.NaN : Double.parseDouble(m.group(11)),
          number(m.group(12)), number(m.group(13)));
    }

    private static long number(String text) {
      return Long.parseLong(text.replace(",", ""));
    }
  }

  /** What the child printed, and its peak resident memory as the kernel counted it. */
  record Run(List<Progress> lines, long peakRssBytes, int exitCode) {}

  private DemoProcess() {}

  /**
   * Runs the demo with {@code demoArgs} until it reports {@code seconds} of running (its clock starts
   * with the pipeline, after the JVM and DuckDB are up), then stops it as Ctrl-C would.
   */
  static Run run(List<String> jvmFlags, List<String> demoArgs, long seconds, int progressSeconds) {
    Path dir;
    try {
      dir = Files.createTempDirectory("sales-bench-demo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.salesanalytics.Main", "demo",
        "--duckdbPath=" + dir.resolve("bench.duckdb"), "--dashboardPort=0",
        "--progressIntervalSeconds=" + progressSeconds));
    command.addAll(demoArgs);
    try {
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<Progress> lines = new ArrayList<>();
      AtomicBoolean stopping = new AtomicBoolean();
      Thread reader = new Thread(() -> collect(child, lines, stopping), "bench-demo-output");
      reader.start();
      long peakRssKb = -1;
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 120);
      Path status = Path.of("/proc", Long.toString(child.pid()), "status");
      while (child.isAlive() && System.nanoTime() < giveUp && lastSeconds(lines) < seconds) {
        peakRssKb = Math.max(peakRssKb, ProcessMemory.statusKilobytes(status, "VmHWM:"));
        child.waitFor(500, TimeUnit.MILLISECONDS);
      }
      peakRssKb = Math.max(peakRssKb, ProcessMemory.statusKilobytes(status, "VmHWM:"));
      stopping.set(true);
      child.destroy(); // SIGTERM: the demo's shutdown hook prints its summary, like Ctrl-C
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
      }
      reader.join();
      synchronized (lines) {
        return new Run(List.copyOf(lines), peakRssKb < 0 ? -1 : peakRssKb * 1024, child.exitValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the demo ran", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static long lastSeconds(List<Progress> lines) {
    synchronized (lines) {
      return lines.isEmpty() ? -1 : lines.get(lines.size() - 1).seconds();
    }
  }

  private static void collect(Process child, List<Progress> lines, AtomicBoolean stopping) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Progress progress = Progress.parse(line);
        if (progress != null) {
          synchronized (lines) {
            lines.add(progress);
          }
        } else if (line.contains("Exception") || line.startsWith("demo:") && line.contains("failed")) {
          System.out.println("  demo said: " + line);
        }
      }
    } catch (IOException e) {
      if (!stopping.get()) {
        System.out.println("  reading the demo's output failed: " + e.getMessage());
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
