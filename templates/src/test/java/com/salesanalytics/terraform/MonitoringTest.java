package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.monitoring.dashboard.v1.Dashboard;
import com.google.monitoring.v3.AlertPolicy;
import com.google.protobuf.InvalidProtocolBufferException;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.transforms.SalesMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Monitoring as code, checked offline: the dashboard and the alert policies parse as Cloud
 * Monitoring's own messages, read only metrics and labels Google documents and counters the
 * pipelines report, notify the configured channels, and alert at thresholds the deployer sets.
 */
class MonitoringTest {
  private static final Path FIXTURES = Path.of("src/test/resources/terraform-fixtures").toAbsolutePath();
  private static final Pattern FILTER_METRIC = Pattern.compile("metric\\.type\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern FILTER_RESOURCE = Pattern.compile("resource\\.type\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern FILTER_LABEL = Pattern.compile("\\b(metric|resource)\\.labels?\\.(?:\"(\\w+)\"|(\\w+))");
  private static final Pattern COUNTER_IN_FILTER =
      Pattern.compile("metric\\.labels?\\.\"?metric_name\"?\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern PROMQL_SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern PROMQL_MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
  private static final Pattern PROMQL_GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

  private static List<Monitoring.Query> allQueries() {
    List<Monitoring.Query> queries = new ArrayList<>(Monitoring.dashboardQueries(Monitoring.dashboard()));
    Monitoring.alertPolicies().forEach(p -> queries.addAll(Monitoring.alertQueries(p)));
    return queries;
  }

  private static List<String> matches(Pattern pattern, String text, int group) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(group) != null ? m.group(group) : m.group(group + 1));
    }
    return found;
  }

  // ---- the messages Cloud Monitoring receives ------------------------------------------------

  @Test
  void theDashboardIsAValidCloudMonitoringDashboardNamedForItsProject() {
    Dashboard dashboard = Monitoring.dashboard();
    assertTrue(dashboard.getDisplayName().contains(Monitoring.PROJECT), dashboard.getDisplayName());
    assertFalse(Monitoring.dashboardQueries(dashboard).isEmpty(), "the dashboard charts nothing");
  }

  @Test
  void aMisspelledDashboardFieldFailsTheCheck() throws Exception {
    String json = Files.readString(FIXTURES.resolve("dashboard-misspelled.json"));
    InvalidProtocolBufferException error = assertThrows(InvalidProtocolBufferException.class,
        () -> Monitoring.parseDashboard(json));
    assertTrue(error.getMessage().contains("filtr"), error.getMessage());
  }

  @Test
  void aDashboardVariableTheTemplateDoesNotGetFailsTheRendering() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> Monitoring.render("{\"displayName\": \"${project}\"}", JsonNodeFactory.instance.objectNode()
            .put("project_id", "p")));
    assertTrue(error.getMessage().contains("${project}"), error.getMessage());
  }

  @Test
  void everyAlertPolicyIsAValidAlertPolicy() {
    List<AlertPolicy> policies = Monitoring.alertPolicies();
    assertEquals(4, policies.size(), "backlog age, data freshness, dead-letter share, job failed");
    for (AlertPolicy policy : policies) {
      assertFalse(policy.getConditionsList().isEmpty(), policy.getDisplayName());
      assertTrue(policy.getDocumentation().getContent().contains("operations.md"),
          policy.getDisplayName() + " tells the operator where the runbook is");
    }
  }

  @Test
  void anAlignerNameCloudMonitoringDoesNotKnowFailsTheCheck() {
    Terraform.Block policy = Terraform.blocks(Terraform.parse(List.of(FIXTURES.resolve("alert-policy-misspelled-aligner.tf"))),
        "resource").get(0);
    InvalidProtocolBufferException error = assertThrows(InvalidProtocolBufferException.class,
        () -> Monitoring.alertPolicy(policy));
    assertTrue(error.getMessage().contains("ALIGN_MAXIMUM"), error.getMessage());
  }

  // ---- only what Google documents -------------------------------------------------------------

  @Test
  void everyFilterReadsOneDocumentedMetricOfItsResourceWithDocumentedLabelsAndAligners() {
    List<Monitoring.Query> filters = allQueries().stream().filter(q -> !q.isPromql()).toList();
    assertFalse(filters.isEmpty());
    for (Monitoring.Query query : filters) {
      List<String> types = matches(FILTER_METRIC, query.filter(), 1);
      assertEquals(1, types.size(), query.where() + ": one metric.type per filter: " + query.filter());
      GoogleMetrics.Metric metric = GoogleMetrics.byType(types.get(0)).orElseThrow(() -> new AssertionError(
          query.where() + ": " + types.get(0) + " is not a metric Google documents (see GoogleMetrics)"));
      assertEquals(List.of(metric.resource()), matches(FILTER_RESOURCE, query.filter(), 1),
          query.where() + ": " + metric.type() + " is written against " + metric.resource() + " (" + metric.documentation() + ")");
      List<String> labels = new ArrayList<>();
      Matcher m = FILTER_LABEL.matcher(query.filter() + " " + String.join(" ", query.groupByFields()));
      while (m.find()) {
        String label = m.group(2) != null ? m.group(2) : m.group(3);
        Set<String> known = m.group(1).equals("metric") ? metric.labels() : GoogleMetrics.RESOURCE_LABELS.get(metric.resource());
        assertTrue(known.contains(label), query.where() + ": " + metric.type() + " has no " + m.group(1) + " label "
            + label + " (" + metric.documentation() + ", " + GoogleMetrics.MONITORED_RESOURCES + ")");
        labels.add(label);
      }
      for (String aligner : query.aligners()) {
        assertFalse(metric.kind().equals("GAUGE") && GoogleMetrics.NOT_FOR_GAUGES.contains(aligner),
            query.where() + ": " + aligner + " does not apply to the GAUGE " + metric.type());
      }
    }
  }

  @Test
  void everyPromqlQueryReadsDocumentedMetricsByTheirPromqlNamesAndLabels() {
    List<Monitoring.Query> promql = allQueries().stream().filter(Monitoring.Query::isPromql).toList();
    assertFalse(promql.isEmpty());
    for (Monitoring.Query query : promql) {
      Set<String> labelsInQuery = new TreeSet<>(Set.of("monitored_resource"));
      Matcher selector = PROMQL_SELECTOR.matcher(query.promql());
      int selectors = 0;
      while (selector.find()) {
        selectors++;
        GoogleMetrics.Metric metric = GoogleMetrics.byPromqlName(selector.group(1)).orElseThrow(() -> new AssertionError(
            query.where() + ": " + selector.group(1) + " is not the PromQL name of a documented metric"));
        Set<String> known = new TreeSet<>(metric.labels());
        known.addAll(GoogleMetrics.RESOURCE_LABELS.get(metric.resource()));
        labelsInQuery.addAll(known);
        Matcher matcher = PROMQL_MATCHER.matcher(selector.group(2));
        boolean resourceNamed = false;
        while (matcher.find()) {
          if (matcher.group(1).equals("monitored_resource")) {
            assertEquals(metric.resource(), matcher.group(3), query.where());
            resourceNamed = true;
          } else {
            assertTrue(known.contains(matcher.group(1)), query.where() + ": " + metric.type() + " has no label " + matcher.group(1));
          }
        }
        assertTrue(resourceNamed, query.where() + ": name the monitored_resource of " + metric.type());
      }
      assertTrue(selectors > 0, query.where() + ": no metric selector in " + query.promql());
      for (String grouping : matches(PROMQL_GROUPING, query.promql(), 1)) {
        for (String label : grouping.split(",")) {
          assertTrue(labelsInQuery.contains(label.trim()), query.where() + ": no label " + label.trim() + " to group by");
        }
      }
    }
  }

  // ---- what operators need to see ----------------------------------------------------------

  @Test
  void theDashboardChartsBacklogAndLagPerSubscriptionAndPerJob() {
    List<Monitoring.Query> queries = Monitoring.dashboardQueries(Monitoring.dashboard());
    for (String[] chart : new String[][] {
        {"pubsub.googleapis.com/subscription/num_undelivered_messages", "subscription_id"},
        {"pubsub.googleapis.com/subscription/oldest_unacked_message_age", "subscription_id"},
        {"dataflow.googleapis.com/job/system_lag", "job_name"},
        {"dataflow.googleapis.com/job/data_watermark_age", "job_name"}}) {
      assertTrue(queries.stream().anyMatch(q -> !q.isPromql() && q.filter().contains("\"" + chart[0] + "\"")
          && q.groupByFields().stream().anyMatch(f -> f.contains(chart[1]))), chart[0] + " per " + chart[1]);
    }
  }

  @Test
  void theDashboardChartsThePipelinesCountersPerJob() {
    List<Monitoring.Query> queries = Monitoring.dashboardQueries(Monitoring.dashboard());
    for (String counter : List.of(SalesMetrics.EVENTS_IN, SalesMetrics.CLEANED_WRITTEN, SalesMetrics.DEAD_LETTERS_WRITTEN,
        SalesMetrics.DUPLICATES, SalesMetrics.WRITE_FAILURES)) {
      assertTrue(queries.stream().anyMatch(q -> q.isPromql() && countersIn(q).contains(counter)
          && q.promql().contains("by (job_name)")), "no chart of counter " + counter + " per job");
    }
  }

  @Test
  void everyCounterTheMonitoringReadsIsOneThePipelinesReport() throws Exception {
    Set<String> reported = new TreeSet<>();
    for (Field field : SalesMetrics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && !field.getName().equals("NAMESPACE") && !field.getName().equals("INVALID_PREFIX")) {
        reported.add((String) field.get(null));
      }
    }
    for (ErrorCode code : ErrorCode.values()) {
      reported.add(SalesMetrics.INVALID_PREFIX + code.name());
    }
    Set<String> read = new TreeSet<>();
    allQueries().forEach(q -> read.addAll(countersIn(q)));
    assertFalse(read.isEmpty(), "no chart or alert reads a pipeline counter");
    Set<String> unknown = new TreeSet<>(read);
    unknown.removeAll(reported);
    assertEquals(Set.of(), unknown, "read by the monitoring but reported by no pipeline (SalesMetrics): " + unknown);
  }

  /** The Beam counter names a query selects by Dataflow's metric_name label. */
  private static Set<String> countersIn(Monitoring.Query query) {
    Set<String> names = new TreeSet<>();
    if (!query.isPromql()) {
      names.addAll(matches(COUNTER_IN_FILTER, query.filter(), 1));
      return names;
    }
    Matcher matcher = PROMQL_MATCHER.matcher(query.promql());
    while (matcher.find()) {
      if (matcher.group(1).equals("metric_name")) {
        names.addAll(List.of(matcher.group(2).equals("=~") ? matcher.group(3).split("\\|") : new String[] {matcher.group(3)}));
      }
    }
    return names;
  }

  // ---- alerting ------------------------------------------------------------------------------

  @Test
  void theAlertsCoverBacklogAgeDataFreshnessDeadLettersAndFailedJobs() {
    List<String> queries = Monitoring.alertPolicies().stream()
        .flatMap(p -> Monitoring.alertQueries(p).stream()).map(Monitoring.Query::text).toList();
    for (String signal : List.of("pubsub.googleapis.com/subscription/oldest_unacked_message_age",
        "dataflow.googleapis.com/job/data_watermark_age", "metric_name=\"" + SalesMetrics.DEAD_LETTERS_WRITTEN + "\"",
        "dataflow.googleapis.com/job/is_failed")) {
      assertTrue(queries.stream().anyMatch(q -> q.contains(signal)), "no alert on " + signal);
    }
  }

  @Test
  void everyAlertPolicyNotifiesTheChannelsTheDeployerConfigures() {
    for (Terraform.Block policy : Terraform.resources("google_monitoring_alert_policy")) {
      assertEquals("${var.notification_channels}", policy.text("notification_channels"), policy.where());
    }
    JsonNode channels = Monitoring.variable("notification_channels");
    assertEquals("${list(string)}", channels.get("type").asText());
    assertNotNull(channels.get("validation"), "notification channel names are checked");
  }

  @Test
  void everyAlertThresholdIsAVariableWithAValidation() {
    Set<String> thresholds = new TreeSet<>();
    for (Terraform.Block policy : Terraform.resources("google_monitoring_alert_policy")) {
      for (JsonNode condition : policy.body().get("conditions")) {
        JsonNode threshold = condition.path("condition_threshold").path(0);
        JsonNode promql = condition.path("condition_prometheus_query_language").path(0);
        String where = policy.where() + " / " + condition.get("display_name").asText();
        if (!threshold.isMissingNode()) {
          String value = threshold.path("threshold_value").asText();
          if (threshold.get("filter").asText().contains("dataflow.googleapis.com/job/is_failed")) {
            // is_failed is 1 for a failed job: "above 0" is the meaning of the metric, not a tunable.
            assertEquals("0", value, where);
            continue;
          }
          Matcher variable = Pattern.compile("^\\$\\{var\\.(\\w+)}$").matcher(value);
          assertTrue(variable.matches(), where + ": threshold " + value + " is not a variable");
          thresholds.add(variable.group(1));
        } else {
          Matcher variable = Pattern.compile(">\\s*\\$\\{var\\.(\\w+)}\\s*$").matcher(promql.get("query").asText().strip());
          assertTrue(variable.find(), where + ": the PromQL condition does not end in > ${var.<threshold>}");
          thresholds.add(variable.group(1));
        }
      }
    }
    assertEquals(Set.of("alert_backlog_age_seconds", "alert_data_freshness_seconds", "alert_dead_letter_share"), thresholds);
    for (String name : thresholds) {
      JsonNode variable = Monitoring.variable(name);
      assertEquals("number", variable.get("type").asText().replace("${", "").replace("}", ""), name);
      JsonNode validation = variable.get("validation");
      assertNotNull(validation, name + " has no validation");
      assertTrue(validation.get(0).get("condition").asText().contains("var." + name), name);
    }
  }

  @Test
  void theMonitoredNamesAreThePlatformsJobsAndSubscriptions() {
    Pattern streaming = Pattern.compile(Terraform.local("monitored_streaming_jobs").asText());
    Pattern all = Pattern.compile(Terraform.local("monitored_jobs").asText());
    Pattern subscriptions = Pattern.compile(Terraform.local("monitored_subscriptions").asText());
    List<String> streamingJobs = new ArrayList<>();
    Terraform.local("streaming_jobs").fieldNames().forEachRemaining(streamingJobs::add);
    assertFalse(streamingJobs.isEmpty());
    for (String job : streamingJobs) {
      assertTrue(streaming.matcher(job).matches(), job + " as Terraform names it");
      assertTrue(streaming.matcher(job + "-20261124-101500").matches(), job + " as launched by hand (operations.md)");
      assertTrue(all.matcher(job).matches(), job);
    }
    String backfill = Terraform.local("backfill_launch_request").get("launchParameter").get("jobName").asText();
    assertFalse(streaming.matcher(backfill).matches(), "the batch backfill has no watermark to alert on");
    assertTrue(all.matcher(backfill).matches(), backfill + " can fail too");
    Terraform.Block subscription = Terraform.resources("google_pubsub_subscription").stream()
        .filter(b -> b.name().equals("pipelines")).findFirst().orElseThrow();
    String names = subscription.text("for_each");
    for (String name : streamingJobs) {
      assertTrue(names.contains("\"" + name + "\""), name + " has a subscription");
      assertTrue(subscriptions.matcher(name).matches(), "subscription " + name + " is monitored");
    }
    assertFalse(subscriptions.matcher("sales-stream-clean-backup").matches(), "only the platform's subscriptions");
  }

  @Test
  void theMonitoringApiIsEnabledBeforeTheDashboardAndPolicies() {
    String apiList = Terraform.local("apis").toString();
    assertTrue(apiList.contains("monitoring.googleapis.com"), apiList);
    for (Terraform.Block block : Stream.concat(Terraform.resources("google_monitoring_dashboard").stream(),
        Terraform.resources("google_monitoring_alert_policy").stream()).toList()) {
      assertTrue(String.valueOf(block.text("depends_on")).contains("google_project_service.apis"), block.where());
    }
  }
}
