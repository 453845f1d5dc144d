package com.salesanalytics.pipelines;

import com.salesanalytics.transforms.SalesMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The sales counters of a run, read from Beam metrics, and the one line that reports them. */
public record RunSummary(Map<String, Long> counters) {

  public static RunSummary of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(SalesMetrics.NAMESPACE)).build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      counters.merge(counter.getName().getName(), value(counter), Long::sum);
    }
    return new RunSummary(counters);
  }

  private static long value(MetricResult<Long> counter) {
    try {
      return counter.getCommitted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }

  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** e.g. {@code events_in=1000 valid=940 invalid=60 (INVALID_JSON=12, ...) duplicates=28 ...}. */
  public String line() {
    String byCode = counters.entrySet().stream()
        .filter(e -> e.getKey().startsWith(SalesMetrics.INVALID_PREFIX) && e.getValue() > 0)
        .map(e -> e.getKey().substring(SalesMetrics.INVALID_PREFIX.length()) + "=" + e.getValue())
        .collect(Collectors.joining(", ", " (", ")"));
    return "events_in=" + get(SalesMetrics.EVENTS_IN)
        + " valid=" + get(SalesMetrics.VALID)
        + " invalid=" + get(SalesMetrics.INVALID) + (byCode.equals(" ()") ? "" : byCode)
        + " duplicates=" + get(SalesMetrics.DUPLICATES)
        + " raw_written=" + get(SalesMetrics.RAW_WRITTEN)
        + " cleaned_written=" + get(SalesMetrics.CLEANED_WRITTEN)
        + " dead_letters_written=" + get(SalesMetrics.DEAD_LETTERS_WRITTEN)
        + " write_failures=" + get(SalesMetrics.WRITE_FAILURES)
        + (counters.containsKey(SalesMetrics.REPLAYS_PASSED) || counters.containsKey(SalesMetrics.REPLAYS_FAILED)
            ? " replays_passed=" + get(SalesMetrics.REPLAYS_PASSED) + " replays_failed=" + get(SalesMetrics.REPLAYS_FAILED)
            : "");
  }
}
