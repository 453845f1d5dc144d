package com.salesanalytics.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One CLI command in a JVM of its own ({@code java -cp <this classpath> com.salesanalytics.Main
 * ...}), timed from process start to exit (JVM start included, as a user waits for it), with its
 * peak resident memory polled from /proc.
 */
final class CommandProcess {
  /** Wall-clock seconds, peak RSS in bytes (-1 if unknown), exit status and the last lines it printed. */
  record Result(double seconds, long peakRssBytes, int exitCode, List<String> tail) {}

  private CommandProcess() {}

  static Result run(List<String> jvmFlags, List<String> commandAndArgs) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.salesanalytics.Main"));
    command.addAll(commandAndArgs);
    try {
      Path log = Files.createTempFile("sales-bench-command", ".log");
      long start = System.nanoTime();
      Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Path status = Path.of("/proc", Long.toString(child.pid()), "status");
      long peakKb = -1;
      while (!child.waitFor(100, TimeUnit.MILLISECONDS)) {
        peakKb = Math.max(peakKb, ProcessMemory.statusKilobytes(status, "VmHWM:"));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      List<String> lines = Files.readAllLines(log);
      Files.deleteIfExists(log);
      return new Result(seconds, peakKb < 0 ? -1 : peakKb * 1024, child.exitValue(),
          List.copyOf(lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + commandAndArgs.get(0) + " ran", e);
    }
  }
}
