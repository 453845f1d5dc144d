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

  /** log type -> exempted members, of the audit config of a service. */
  private static Map<String, Set<String>> auditLogTypes(String service) {
    List<Terraform.Block> configs = Terraform.resources("google_project_iam_audit_config").stream()
        .filter(c -> service.equals(c.text("service"))).toList();
    assertEquals(1, configs.size(), "audit configs for " + service);
    Terraform.Block config = configs.get(0);
    assertEquals("${var.project_id}", config.text("project"), config.where());
    Map<String, Set<String>> types = new TreeMap<>();
    for (JsonNode logConfig : config.body().get("audit_log_config")) {
      Set<String> exempted = new TreeSet<>();
      logConfig.path("exempted_members").forEach(m -> exempted.add(m.asText()));
      if (logConfig.path("exempted_members").isTextual()) {
        exempted.add(logConfig.get("exempted_members").asText());
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
    assertEquals(Map.of("ADMIN_READ", Set.of(), "DATA_READ", Set.of("${local.storage_audit_exempted}"),
        "DATA_WRITE", Set.of("${local.storage_audit_exempted}")), auditLogTypes("storage.googleapis.com"));
    assertEquals("${values(local.pipeline_members)}", Terraform.local("storage_audit_exempted").asText());
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
    Set<String> services = new TreeSet<>();
    Terraform.resources("google_project_iam_audit_config").forEach(c -> services.add(c.text("service")));
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
