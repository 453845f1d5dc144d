package com.salesanalytics.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as the operating system and the JVM see it (Linux; -1 where unknown). */
public record ProcessMemory(long heapUsedBytes, long heapPeakBytes, long rssBytes, long rssPeakBytes) {

  public static ProcessMemory now() {
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    return new ProcessMemory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), peakHeap,
        statusKilobytes(Path.of("/proc/self/status"), "VmRSS:") * 1024, statusKilobytes(Path.of("/proc/self/status"), "VmHWM:") * 1024);
  }

  /** A "kB" field of a /proc/<pid>/status file, or -1. */
  static long statusKilobytes(Path status, String field) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  static String megabytes(long bytes) {
    return bytes < 0 ? "?" : String.format("%,d MB", bytes >> 20);
  }
}
