package com.salesanalytics.local.bench;

import com.salesanalytics.local.BenchFigure;
import com.salesanalytics.model.RawMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Issue 11's "clean chain, one core": parse → validate → totals → output row, one event per
 * operation, on one thread, over {@link CleanChainMix}. Three ways over the same bytes, measured in
 * the same JMH run so that their ratios mean something on a shared machine:
 *
 * <ul>
 *   <li>{@link #projectChain}: the project's code, as the pipeline and the sinks run it;
 *   <li>{@link #databindLoop}: the naive reference, Jackson databind into a Map;
 *   <li>{@link #streamingLoop}: the fast reference, a hand-written Jackson streaming loop.
 * </ul>
 *
 * <p>Not a test: {@code bench} calls {@link #run}; the suite only runs a tiny one to see it finish.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CleanChainBenchmark {

  /**
   * How long to measure. JMH runs each benchmark in {@code forks} fresh JVMs, each doing
   * {@code warmupIterations} then {@code measurementIterations} iterations of {@code iterationTime}.
   */
  public record RunLength(int forks, int warmupIterations, int measurementIterations, Duration iterationTime) {

    /**
     * About 100 s in all: 3 benchmarks × 2 forks × (10 + 5) s, plus JVM starts. Ten seconds of
     * warm-up, because on a busy two-core machine the JIT can take eight to finish compiling.
     */
    public static RunLength standard() {
      return new RunLength(2, 10, 5, Duration.ofSeconds(1));
    }

    /** Seconds in all; the figures mean nothing, it only shows the run starts and finishes. */
    public static RunLength smoke() {
      return new RunLength(1, 0, 1, Duration.ofMillis(100));
    }
  }

  private RawMessage[] messages;
  private int next;
  private StreamingChain streaming;

  @Setup(Level.Trial)
  public void load() {
    messages = CleanChainMix.messages();
    streaming = new StreamingChain();
  }

  private RawMessage nextMessage() {
    RawMessage message = messages[next];
    next = (next + 1) & (messages.length - 1);
    return message;
  }

  @Benchmark
  public void projectChain(Blackhole out) {
    out.consume(ProjectChain.clean(nextMessage(), CleanChainMix.PROCESSED_AT));
  }

  @Benchmark
  public void databindLoop(Blackhole out) {
    out.consume(DatabindChain.clean(nextMessage(), CleanChainMix.PROCESSED_AT));
  }

  @Benchmark
  public void streamingLoop(Blackhole out) {
    out.consume(streaming.clean(nextMessage(), CleanChainMix.PROCESSED_AT));
  }

  /**
   * Runs the three benchmarks (with JMH's GC profiler, for bytes allocated per event, and
   * {@link CpuTimeProfiler}) and returns {@link CleanChainFigures#of}'s lines. JMH's progress and
   * table go to System.out.
   */
  public static List<BenchFigure> run(RunLength length) {
    return run(length, System.out);
  }

  /** As {@link #run(RunLength)}, JMH's progress and result table going to {@code progress}. */
  public static List<BenchFigure> run(RunLength length, PrintStream progress) {
    TimeValue iteration = TimeValue.milliseconds(length.iterationTime().toMillis());
    Options options = new OptionsBuilder()
        .include(CleanChainBenchmark.class.getName() + "\\.")
        .forks(length.forks())
        .warmupIterations(length.warmupIterations())
        .warmupTime(iteration)
        .measurementIterations(length.measurementIterations())
        .measurementTime(iteration)
        .threads(1)
        // A fixed heap, so the collector does the same work in every fork and on every machine.
        .jvmArgs("-Xms1g", "-Xmx1g")
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuTimeProfiler.class)
        .shouldFailOnError(true)
        .build();
    try {
      Collection<RunResult> results =
          new Runner(options, OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL)).run();
      return CleanChainFigures.of(CleanChainFigures.Scores.from(results));
    } catch (RunnerException e) {
      throw new IllegalStateException("the clean-chain benchmark failed: " + e.getMessage(), e);
    }
  }
}
