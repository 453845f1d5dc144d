package com.salesanalytics.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
    return runKilledWhen(jvmFlags, commandAndArgs, line -> false);
  }

  /**
   * Runs the command but kills it with SIGKILL ({@link Process#destroyForcibly} on Linux) as soon
   * as it prints a line {@code killWhen} accepts, as a crash or an OOM killer would: no shutdown
   * hook, no flush, no close. Its exit code is then 137 (128 + SIGKILL), unless it finished first.
   * Every line it prints is offered to {@code killWhen}, those written just before it ended too.
   */
  static Result runKilledWhen(List<String> jvmFlags, List<String> commandAndArgs, Predicate<String> killWhen) {
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
      try (RandomAccessFile output = new RandomAccessFile(log.toFile(), "r")) {
        boolean killed = false;
        while (!killed && !child.waitFor(20, TimeUnit.MILLISECONDS)) {
          peakKb = Math.max(peakKb, ProcessMemory.statusKilobytes(status, "VmHWM:"));
          if (newLines(output).stream().anyMatch(killWhen)) {
            child.destroyForcibly().waitFor();
            killed = true;
          }
        }
        if (!killed) {
          newLines(output).forEach(killWhen::test); // what it wrote just before it ended is seen too
        }
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

  /** The whole lines written since the last call; a line still being written waits for the next. */
  private static List<String> newLines(RandomAccessFile output) throws IOException {
    long from = output.getFilePointer();
    long length = output.length();
    if (length <= from) {
      return List.of();
    }
    byte[] bytes = new byte[(int) (length - from)];
    output.readFully(bytes);
    int end = lastNewline(bytes);
    output.seek(from + end + 1);
    return end < 0 ? List.of() : new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
