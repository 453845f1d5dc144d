package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Cloud Audit Logs (docs/security-audit-logs.md): who read or wrote the sales data, in BigQuery,
 * Pub/Sub, Cloud Storage and Dataflow, is logged and kept in a log bucket of its own for as long
 * as the deployment says; only the pipelines' own Dataflow staging traffic is left out.
 */
class AuditLogsTest {
  private static final List<String> DATA_SERVICES =
      List.of("bigquery.googleapis.com", "pubsub.googleapis.com", "storage.googleapis.com", "dataflow.googleapis.com");

  /** The one audit config resource: one instance per data service. */
  private static Terraform.Block auditConfig() {
    List<Terraform.Block> configs = Terraform.resources("google_project_iam_audit_config");
    assertEquals(1, configs.size(), "google_project_iam_audit_config resources");
    Terraform.Block config = configs.get(0);
    assertEquals("${var.project_id}", config.text("project"), config.where());
    assertEquals("${each.key}", config.text("service"), config.where());
    assertEquals("${local.audited_services}", config.text("for_each"), config.where());
    return config;
  }

  /** log type -> exempted members, of the audit config of a service; each.value read as the service's exemptions. */
  private static Map<String, Set<String>> auditLogTypes(String service) {
    JsonNode exemptions = Terraform.local("audited_services").get(service);
    assertTrue(exemptions != null, service + " has no audit config");
    Map<String, Set<String>> types = new TreeMap<>();
    for (JsonNode logConfig : auditConfig().body().get("audit_log_config")) {
      JsonNode members = logConfig.path("exempted_members");
      if (members.isTextual()) {
        assertEquals("${each.value}", members.asText());
        members = exemptions;
      }
      Set<String> exempted = new TreeSet<>();
      if (members.isTextual()) {
        exempted.add(members.asText());
      } else {
        members.forEach(m -> exempted.add(m.asText()));
      }
      types.put(logConfig.get("log_type").asText(), exempted);
    }
    return types;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bigquery.googleapis.com", "pubsub.googleapis.com", "dataflow.googleapis.com"})
  void readsAndWritesOfDataAndMetadataAreLoggedForEveryoneOn(String service) {
    assertEquals(Map.of("ADMIN_READ", Set.of(), "DATA_READ", Set.of(), "DATA_WRITE", Set.of()), auditLogTypes(service));
  }

  @Test
  void storageLogsEveryoneButThePipelinesOwnObjectReadsAndWrites() {
    // Each Dataflow worker reads every staged jar when it starts and the jobs write and read their
    // temp files: one log entry per object operation, for traffic that only ever touches the temp
    // and spec buckets (the next test), so the pipeline accounts are exempted from object reads and
    // writes and from nothing else.
    assertEquals(Map.of("ADMIN_READ", Set.of(), "DATA_READ", Set.of("${values(local.pipeline_members)}"),
        "DATA_WRITE", Set.of("${values(local.pipeline_members)}")), auditLogTypes("storage.googleapis.com"));
  }

  @Test
  void theExemptedPipelineAccountsMayTouchOnlyTheTempAndSpecBuckets() {
    // An exemption hides every object the account reads: it is only harmless while the account can
    // read no sales data in Cloud Storage at all.
    Set<String> buckets = new TreeSet<>();
    for (Terraform.Block grant : Terraform.resources("google_storage_bucket_iam_member")) {
      boolean everyPipeline = "${each.value}".equals(grant.text("member"))
          && "${local.pipeline_members}".equals(grant.text("for_each"));
      boolean onePipeline = String.valueOf(grant.text("member")).startsWith("${local.pipeline_members[");
      if (everyPipeline || onePipeline) {
        buckets.add(grant.text("bucket"));
      }
    }
    assertEquals(Set.of("${google_storage_bucket.temp.name}", "${google_storage_bucket.templates.name}"), buckets);
  }

  @Test
  void noServiceOutsideTheDataServicesIsConfiguredAndNoneForAllServices() {
    auditConfig();
    Set<String> services = new TreeSet<>();
    Terraform.local("audited_services").fieldNames().forEachRemaining(services::add);
    assertEquals(new TreeSet<>(DATA_SERVICES), services);
  }

  @Test
  void dataAccessLogsOfTheDataServicesAreRoutedToTheAuditLogBucket() {
    Terraform.Block sink = single("google_logging_project_sink");
    Terraform.Block bucket = single("google_logging_project_bucket_config");
    assertEquals("logging.googleapis.com/projects/${var.project_id}/locations/${google_logging_project_bucket_config."
        + bucket.name() + ".location}/buckets/${google_logging_project_bucket_config." + bucket.name() + ".bucket_id}",
        sink.text("destination"));
    String filter = sink.text("filter");
    assertTrue(filter.contains("logName = \"projects/${var.project_id}/logs/cloudaudit.googleapis.com%2Fdata_access\""),
        filter);
    for (String service : DATA_SERVICES) {
      assertTrue(filter.contains("\"" + service + "\""), service + " is not in " + filter);
    }
    assertFalse(sink.body().has("exclusions"), "nothing is excluded from the audit trail");
  }

  @Test
  void theAuditLogBucketKeepsLogsForTheConfiguredRetentionAndIsNotLocked() {
    Terraform.Block bucket = single("google_logging_project_bucket_config");
    assertEquals("${var.audit_log_retention_days}", bucket.text("retention_days"));
    // A locked bucket can be deleted only once empty, which it never is within the retention: a
    // deployment that wants that guarantee locks it by hand (docs/security-audit-logs.md).
    assertFalse("true".equals(bucket.text("locked")), "locked");
    JsonNode variable = Terraform.module().get(Terraform.MODULE.resolve("variables.tf").toString())
        .get("variable").get("audit_log_retention_days").get(0);
    assertEquals("400", variable.get("default").asText(), "as long as the Admin Activity logs in _Required");
    assertEquals("${var.audit_log_retention_days >= 1 && var.audit_log_retention_days <= 3650 && floor(var.audit_log_retention_days) == var.audit_log_retention_days}",
        variable.get("validation").get(0).get("condition").asText());
  }

  private static Terraform.Block single(String type) {
    List<Terraform.Block> blocks = Terraform.resources(type);
    assertEquals(1, blocks.size(), type);
    return blocks.get(0);
  }
}
