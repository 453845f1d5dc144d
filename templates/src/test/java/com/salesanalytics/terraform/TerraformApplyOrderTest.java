package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A first apply on an empty project: every resource is created only after the API its provider
 * calls is enabled, so Terraform never races the enabling of an API it needs.
 */
class TerraformApplyOrderTest {
  private static final String APIS_ENABLED = "google_project_service.apis";

  /**
   * The API each resource type's provider code calls (google provider 6.50.0): project IAM grants
   * read and write the project's policy through Cloud Resource Manager
   * (services/resourcemanager/iam_project.go), custom roles and service accounts go through IAM.
   */
  private static final Map<String, String> API_BY_TYPE_PREFIX = new LinkedHashMap<>();

  static {
    API_BY_TYPE_PREFIX.put("google_project_iam_custom_role", "iam.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_project_iam_", "cloudresourcemanager.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_service_account", "iam.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_iam_workload_identity_pool", "iam.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_pubsub_", "pubsub.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_bigquery_", "bigquery.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_storage_", "storage.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_artifact_registry_", "artifactregistry.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_dataflow_", "dataflow.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_cloud_scheduler_", "cloudscheduler.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_compute_", "compute.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_monitoring_", "monitoring.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_cloudbuild", "cloudbuild.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_logging_", "logging.googleapis.com");
    API_BY_TYPE_PREFIX.put("google_kms_", "cloudkms.googleapis.com");
  }

  private static String apiOf(String type) {
    return API_BY_TYPE_PREFIX.entrySet().stream().filter(e -> type.startsWith(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElseThrow(() -> new AssertionError(type + ": which API does it call? Add it to this test's map"));
  }

  private static List<Terraform.Block> resourcesOtherThanTheApis() {
    return Terraform.blocks(Terraform.module(), "resource").stream()
        .filter(b -> !b.type().equals("google_project_service")).toList();
  }

  @Test
  void everyApiAResourceCallsIsEnabledByTheModule() {
    Set<String> enabled = new TreeSet<>();
    java.util.regex.Matcher api = java.util.regex.Pattern.compile("[a-z]+\\.googleapis\\.com")
        .matcher(Terraform.local("apis").toString());
    while (api.find()) {
      enabled.add(api.group());
    }
    List<String> missing = new ArrayList<>();
    for (Terraform.Block resource : resourcesOtherThanTheApis()) {
      if (!enabled.contains(apiOf(resource.type()))) {
        missing.add(resource.where() + " calls " + apiOf(resource.type()));
      }
    }
    assertEquals(List.of(), missing, "APIs not in local.apis");
  }

  @Test
  void everyResourceIsCreatedAfterTheApisAreEnabled() {
    List<String> racing = new ArrayList<>();
    for (Terraform.Block resource : resourcesOtherThanTheApis()) {
      if (!TerraformReferences.reachableFrom(resource).contains(APIS_ENABLED)) {
        racing.add(resource.where());
      }
    }
    assertEquals(List.of(), racing, "resources that neither depend on " + APIS_ENABLED
        + " nor on anything that does: a first apply may create them before their API is enabled");
  }

  @Test
  void noResourceRefersToItself() {
    // Terraform refuses such a configuration ("Self-referential block") before planning anything.
    List<String> selfReferring = new ArrayList<>();
    for (Terraform.Block resource : Terraform.blocks(Terraform.module(), "resource")) {
      java.util.regex.Matcher self = java.util.regex.Pattern.compile(
          "\\b" + resource.type() + "\\." + resource.name() + "\\b").matcher(resource.body().toString());
      if (self.find()) {
        selfReferring.add(resource.where());
      }
    }
    assertEquals(List.of(), selfReferring);
  }
}
