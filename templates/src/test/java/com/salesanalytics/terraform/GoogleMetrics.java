package com.salesanalytics.terraform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Cloud Monitoring metrics the dashboard and alert policies may read, as Google documents them:
 * type, kind, monitored resource and labels. Copied from the lists of metrics, not from our
 * Terraform, so a chart of a metric or label that does not exist fails the check.
 */
final class GoogleMetrics {
  static final String DATAFLOW_METRICS = "https://cloud.google.com/monitoring/api/metrics_gcp_d_h#gcp-dataflow";
  static final String PUBSUB_METRICS = "https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-pubsub";
  static final String MONITORED_RESOURCES = "https://cloud.google.com/monitoring/api/resources";

  /** A metric type: its kind (GAUGE, DELTA, CUMULATIVE), monitored resource and metric labels. */
  record Metric(String type, String kind, String resource, Set<String> labels, String documentation) {
    /**
     * Its name in PromQL: "Replace the first / with :. Replace all other special characters
     * (including . and other / characters) with _." (https://cloud.google.com/monitoring/promql/promql-mapping)
     */
    String promqlName() {
      int slash = type.indexOf('/');
      return (type.substring(0, slash) + ":" + type.substring(slash + 1)).replaceAll("[^A-Za-z0-9_:]", "_");
    }
  }

  static final List<Metric> DOCUMENTED = List.of(
      new Metric("dataflow.googleapis.com/job/system_lag", "GAUGE", "dataflow_job", Set.of("job_id"), DATAFLOW_METRICS),
      new Metric("dataflow.googleapis.com/job/data_watermark_age", "GAUGE", "dataflow_job", Set.of("job_id"),
          DATAFLOW_METRICS),
      new Metric("dataflow.googleapis.com/job/is_failed", "GAUGE", "dataflow_job", Set.of(), DATAFLOW_METRICS),
      // "A user-defined counter metric": every Beam Counter, as a GAUGE of its running total.
      new Metric("dataflow.googleapis.com/job/user_counter", "GAUGE", "dataflow_job",
          Set.of("metric_name", "job_id", "ptransform"), DATAFLOW_METRICS),
      new Metric("pubsub.googleapis.com/subscription/num_undelivered_messages", "GAUGE", "pubsub_subscription",
          Set.of(), PUBSUB_METRICS),
      new Metric("pubsub.googleapis.com/subscription/oldest_unacked_message_age", "GAUGE", "pubsub_subscription",
          Set.of(), PUBSUB_METRICS));

  /** The labels of each monitored resource type (https://cloud.google.com/monitoring/api/resources). */
  static final Map<String, Set<String>> RESOURCE_LABELS = Map.of(
      "dataflow_job", Set.of("project_id", "job_name", "region"),
      "pubsub_subscription", Set.of("project_id", "subscription_id"));

  /**
   * Aligners that only apply to CUMULATIVE and DELTA metrics (google.monitoring.v3.Aggregation.Aligner:
   * ALIGN_DELTA and ALIGN_RATE are "valid for CUMULATIVE and DELTA metrics"). On a GAUGE, such as a
   * Dataflow user counter, the API refuses them: a counter's increase needs PromQL's delta().
   */
  static final Set<String> NOT_FOR_GAUGES = Set.of("ALIGN_DELTA", "ALIGN_RATE");

  private GoogleMetrics() {}

  static Optional<Metric> byType(String type) {
    return DOCUMENTED.stream().filter(m -> m.type().equals(type)).findFirst();
  }

  static Optional<Metric> byPromqlName(String name) {
    return DOCUMENTED.stream().filter(m -> m.promqlName().equals(name)).findFirst();
  }
}
