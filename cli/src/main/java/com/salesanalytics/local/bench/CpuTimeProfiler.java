package com.salesanalytics.local.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the forked JVM spends per operation ({@code cpu.time.norm}, ns/op): its benchmark thread
 * and the collector's and compiler's threads. Unlike events per second of wall-clock time, it does
 * not fall when other processes share the machine's cores, so on a busy machine it is the steadier
 * figure to compare chains by; on a quiet one the two agree.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  static final String RESULT = "cpu.time.norm";

  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "CPU time of the forked JVM (all threads) per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
      IterationResult result) {
    long cpuNanos = os.getProcessCpuTime() - startNanos;
    long operations = result.getMetadata().getAllOps(); // every operation the iteration ran, as GCProfiler counts
    return List.of(new ScalarResult(RESULT, operations == 0 ? Double.NaN : (double) cpuNanos / operations, "ns/op",
        AggregationPolicy.AVG));
  }
}
