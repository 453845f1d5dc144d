package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesanalytics.NodeScript;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.io.SalesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The platform's rules, checked on the parsed Terraform: least privilege, no public data, one schema. */
class TerraformPolicyTest {
  private static final Pattern PRIMITIVE_ROLE = Pattern.compile("roles/(owner|editor|viewer)");
  /** Roles that exist only at project level; anything else must be granted on the resource. */
  private static final Set<String> PROJECT_LEVEL_ROLES = Set.of(
      "roles/dataflow.worker", "roles/bigquery.jobUser", "roles/bigquery.readSessionUser", "roles/logging.logWriter",
      "${google_project_iam_custom_role.backfill_launcher.id}");

  /** Every string value anywhere under a node, with the attribute name that holds it. */
  private static void strings(JsonNode node, String key, List<String[]> into) {
    if (node.isTextual()) {
      into.add(new String[] {key, node.asText()});
    } else if (node.isArray()) {
      node.forEach(n -> strings(n, key, into));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(f -> strings(f.getValue(), f.getKey(), into));
    }
  }

  @Test
  void noPrimitiveRoleIsGrantedAnywhere() {
    List<String[]> all = new ArrayList<>();
    strings(Terraform.module(), "", all);
    for (String[] value : all) {
      assertFalse(PRIMITIVE_ROLE.matcher(value[1]).find(), value[0] + " = " + value[1]);
    }
  }

  @Test
  void nothingIsGrantedToAllUsersOrAllAuthenticatedUsers() throws Exception {
    try (Stream<Path> files = Files.list(Terraform.MODULE)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
        String text = Files.readString(file);
        assertFalse(text.contains("allUsers") || text.contains("allAuthenticatedUsers"), file.toString());
      }
    }
  }

  @Test
  void noServiceAccountKeysAreCreated() {
    assertEquals(List.of(), Terraform.resources("google_service_account_key"));
  }

  @Test
  void projectLevelGrantsAreOnlyForRolesThatExistOnlyAtProjectLevel() {
    for (Terraform.Block grant : Terraform.resources("google_project_iam_member")) {
      assertTrue(PROJECT_LEVEL_ROLES.contains(grant.text("role")), grant.where() + " grants " + grant.text("role")
          + " on the project; grant it on the resource (topic, subscription, dataset, bucket, repository)");
    }
    assertTrue(Terraform.resources("google_project_iam_binding").isEmpty(), "bindings replace other members: use members");
    assertTrue(Terraform.resources("google_project_iam_policy").isEmpty());
  }

  @Test
  void everyServiceAccountHasItsOwnRoleAndNoneIsShared() {
    Set<String> accounts = new TreeSet<>();
    for (Terraform.Block sa : Terraform.resources("google_service_account")) {
      if ("${each.key}".equals(sa.text("account_id"))) {
        Terraform.local(sa.text("for_each").replaceAll("^\\$\\{local\\.|}$", "")).fieldNames().forEachRemaining(accounts::add);
      } else {
        accounts.add(sa.text("account_id"));
      }
    }
    assertEquals(Set.of("sales-ci-publisher", "sales-backfill-scheduler", "sales-raw-ingest", "sales-stream-clean",
        "sales-backfill", "sales-replay-dead-letters", "sales-simulator", "sales-release-build", "sales-pr-build"),
        accounts);
  }

  @Test
  void theSimulatorMayOnlyPublishToTheSalesTopicAmongPubSubResources() {
    for (String type : List.of("google_pubsub_topic_iam_member", "google_pubsub_subscription_iam_member")) {
      for (Terraform.Block grant : Terraform.resources(type)) {
        if ("${local.pipeline_members[\"sales-simulator\"]}".equals(grant.text("member"))) {
          assertEquals("google_pubsub_topic_iam_member", type);
          assertEquals("roles/pubsub.publisher", grant.text("role"));
          assertEquals("${google_pubsub_topic.sales.name}", grant.text("topic"));
        }
      }
    }
  }

  @Test
  void theSchedulerMayReadOnlyTheBackfillSpecFiles() {
    Terraform.Block read = Terraform.resources("google_storage_bucket_iam_member").stream()
        .filter(g -> "${local.scheduler}".equals(g.text("member"))).findFirst().orElseThrow();
    String condition = read.body().get("condition").get(0).get("expression").asText();
    assertTrue(condition.contains("endsWith(\"/sales-backfill.json\")"), condition);
  }

  @Test
  void bucketsHaveUniformAccessAndEnforcedPublicAccessPrevention() {
    List<Terraform.Block> buckets = Terraform.resources("google_storage_bucket");
    assertFalse(buckets.isEmpty());
    for (Terraform.Block bucket : buckets) {
      assertEquals("true", bucket.text("uniform_bucket_level_access"), bucket.where());
      assertEquals("enforced", bucket.text("public_access_prevention"), bucket.where());
    }
    Terraform.Block temp = buckets.stream().filter(b -> b.name().equals("temp")).findFirst().orElseThrow();
    assertNotNull(temp.body().get("lifecycle_rule"), "the temp bucket expires its files");
  }

  @Test
  void everyTableIsTheJavaTableWithTheSameSchemaFilePartitioningAndClustering() throws Exception {
    Terraform.Block tables = Terraform.resources("google_bigquery_table").stream()
        .filter(b -> b.name().equals("sales")).findFirst().orElseThrow();
    assertEquals("${file(\"${local.schema_dir}/${each.key}.json\")}", tables.text("schema"));
    assertEquals("${var.deletion_protection}", tables.text("deletion_protection"));
    assertEquals("${local.tables}", tables.text("for_each"));
    JsonNode declared = Terraform.local("tables");
    Set<String> names = new HashSet<>();
    for (SalesTable table : SalesTable.values()) {
      names.add(table.tableName());
      JsonNode terraform = declared.get(table.tableName());
      assertNotNull(terraform, table.tableName() + " is not provisioned");
      assertEquals(table.partitionField(), terraform.get("partition_field").asText(), table.tableName());
      List<String> clustering = new ArrayList<>();
      terraform.get("clustering").forEach(c -> clustering.add(c.asText()));
      assertEquals(table.clusteringFields(), clustering, table.tableName());
    }
    Set<String> provisioned = new HashSet<>();
    declared.fieldNames().forEachRemaining(provisioned::add);
    assertEquals(names, provisioned);
    // The schema files Terraform reads are the very files the pipelines load from their classpath.
    String schemaDir = Terraform.local("schema_dir").asText().replace("${path.module}", Terraform.MODULE.toString());
    for (SalesTable table : SalesTable.values()) {
      Path file = Path.of(schemaDir, table.tableName() + ".json").normalize();
      assertEquals(Terraform.ROOT.resolve("templates/src/main/resources" + table.schemaResource()).normalize(), file);
      assertTrue(Files.isRegularFile(file), file.toString());
    }
  }

  @Test
  void tablesExpirePartitionsAsConfiguredAndDatasetsStayPrivate() {
    Terraform.Block tables = Terraform.resources("google_bigquery_table").stream()
        .filter(b -> b.name().equals("sales")).findFirst().orElseThrow();
    JsonNode partitioning = tables.body().get("time_partitioning").get(0);
    assertEquals("DAY", partitioning.get("type").asText());
    assertEquals("${each.value.expiration_days == null ? null : each.value.expiration_days * 86400000}",
        partitioning.get("expiration_ms").asText());
    for (SalesTable table : SalesTable.values()) {
      String expected = table.writes() == SalesTable.Writes.LATEST_RESULT
          ? "${var.result_partition_expiration_days}" : "${var.partition_expiration_days}";
      assertEquals(expected, Terraform.local("tables").get(table.tableName()).path("expiration_days").asText(),
          table.tableName());
    }
    // Dataset grants go to the project's own accounts, and read-only to the dashboard viewers the
    // deployment names (a variable that refuses public members and domains: DashboardViewersTest).
    assertTrue(Terraform.resources("google_bigquery_dataset_iam_member").stream()
        .allMatch(g -> g.text("member").startsWith("${local.") || "${toset(var.dashboard_viewers)}".equals(g.text("for_each"))
            && "roles/bigquery.dataViewer".equals(g.text("role"))), "dataset grants only to the project's own accounts");
  }

  @Test
  void everyTemplateHasItsImageRepositorySpecPathAndRunner() {
    assertEquals(1, Terraform.resources("google_artifact_registry_repository").size());
    assertEquals("DOCKER", Terraform.resources("google_artifact_registry_repository").get(0).text("format"));
    String specPrefix = Terraform.local("spec_prefix").asText();
    assertEquals("gs://${google_storage_bucket.templates.name}/templates/${coalesce(var.template_version, \"unreleased\")}",
        specPrefix);
    JsonNode streamingJobs = Terraform.local("streaming_jobs");
    Terraform.Block jobs = Terraform.resources("google_dataflow_flex_template_job").get(0);
    assertEquals("${local.spec_prefix}/${each.key}.json", jobs.text("container_spec_gcs_path"));
    for (SalesTemplate template : SalesTemplate.values()) {
      if (template == SalesTemplate.SIMULATOR) {
        continue; // launched on demand for load tests, never part of the standing platform
      }
      if (template == SalesTemplate.REPLAY_DEAD_LETTERS) {
        continue; // launched by hand after an incident, for the dead letters an operator chose
      }
      if (template.streaming()) {
        assertTrue(streamingJobs.has(template.id()), template.id() + " has no job resource");
      } else {
        String body = Terraform.local("backfill_launch_request").toString();
        assertTrue(body.contains("/" + template.id() + ".json"), template.id() + " is not scheduled");
      }
    }
  }

  @Test
  void streamingJobsDrainOnDeleteAndRunAsTheirOwnAccounts() {
    for (Terraform.Block job : Terraform.resources("google_dataflow_flex_template_job")) {
      assertEquals("drain", job.text("on_delete"), job.where());
      assertEquals("${google_service_account.pipelines[each.key].email}", job.text("service_account_email"));
      assertEquals("${google-beta}", job.text("provider"));
    }
  }

  @Test
  void githubFederationOnlyTrustsReleaseTagsOfTheConfiguredRepository() {
    Terraform.Block provider = Terraform.resources("google_iam_workload_identity_pool_provider").get(0);
    String condition = provider.text("attribute_condition");
    // The numeric id survives a rename and cannot be taken over by a new repository of the same
    // name; only release tags may publish, not any branch or pull request workflow.
    assertTrue(condition.contains("assertion.repository_id == \"${var.github_repository_id}\""), condition);
    assertTrue(condition.contains("assertion.ref.startsWith(\"refs/tags/v\")"), condition);
    assertTrue(condition.contains("assertion.ref_type == \"tag\""), condition);
    assertEquals("https://token.actions.githubusercontent.com", provider.body().get("oidc").get(0).get("issuer_uri").asText());
    Terraform.Block binding = Terraform.resources("google_service_account_iam_member").stream()
        .filter(b -> b.name().equals("ci_from_github")).findFirst().orElseThrow();
    assertTrue(binding.text("member").endsWith("/attribute.repository_id/${var.github_repository_id}"),
        binding.text("member"));
  }

  @Test
  void everyVariableIsDescribedAndTyped() {
    for (JsonNode file : Terraform.module()) {
      JsonNode variables = file.get("variable");
      if (variables == null) {
        continue;
      }
      variables.fields().forEachRemaining(v -> {
        JsonNode body = v.getValue().get(0);
        assertTrue(body.has("description") && !body.get("description").asText().isBlank(), v.getKey());
        assertTrue(body.has("type"), v.getKey());
      });
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"europe-west1", "europe-west10", "europe-west12", "us-east5",
    "northamerica-northeast2", "me-central2", "asia-southeast1"})
  void theRegionVariableAcceptsEveryRealRegion(String region) {
    JsonNode variables = Terraform.module().get(Terraform.MODULE.resolve("variables.tf").toString());
    String condition = variables.get("variable").get("region").get(0).get("validation").get(0)
        .get("condition").asText();
    java.util.regex.Matcher regex = java.util.regex.Pattern.compile("regex\\(\"(.*)\", var\\.region\\)").matcher(condition);
    assertTrue(regex.find(), condition);
    assertTrue(java.util.regex.Pattern.compile(regex.group(1)).matcher(region).find(), regex.group(1) + " rejects " + region);
  }

  @org.junit.jupiter.api.Test
  void subscriptionsReadByDataflowHaveNoRetryOrDeadLetterPolicy() {
    // "Note that these features are not supported by Dataflow" (https://cloud.google.com/pubsub/docs/handling-failures):
    // Dataflow acknowledges on its own schedule, so Pub/Sub could move messages away during a backlog.
    Terraform.Block pipelines = Terraform.resources("google_pubsub_subscription").stream()
        .filter(b -> b.name().equals("pipelines")).findFirst().orElseThrow();
    assertTrue(!pipelines.body().has("retry_policy"), "retry_policy on " + pipelines.name());
    assertTrue(!pipelines.body().has("dead_letter_policy"), "dead_letter_policy on " + pipelines.name());
  }

  /** A grant's member with a {@code local.NAME} reference replaced by the local's value. */
  private static String member(Terraform.Block grant) {
    java.util.regex.Matcher local = Pattern.compile("^\\$\\{local\\.(\\w+)}$").matcher(String.valueOf(grant.text("member")));
    return local.matches() ? Terraform.local(local.group(1)).asText() : grant.text("member");
  }

  /** Every grant to a member, as "project ROLE", "storage_bucket NAME ROLE", "artifact_registry_repository NAME ROLE", ... */
  private static Set<String> grantsTo(String member) {
    Set<String> grants = new TreeSet<>();
    for (Terraform.Block grant : Terraform.blocks(Terraform.module(), "resource")) {
      if (grant.type().endsWith("_iam_member") && member.equals(member(grant))) {
        String on = grant.type().replaceFirst("^google_", "").replaceFirst("_iam_member$", "");
        String target = switch (on) {
          case "project" -> "";
          case "storage_bucket" -> " " + grant.text("bucket");
          case "artifact_registry_repository" -> " " + grant.text("repository");
          default -> " " + grant.where();
        };
        grants.add(on + target + " " + grant.text("role"));
      }
    }
    return grants;
  }

  /** The Terraform bucket a Cloud Build substitution names ("${PROJECT_ID}-build-cache" is "${var.project_id}-build-cache"). */
  private static String bucketNamedBy(JsonNode build, String substitution) {
    String name = build.get("substitutions").get(substitution).asText().replace("${PROJECT_ID}", "${var.project_id}");
    return Terraform.resources("google_storage_bucket").stream().filter(b -> name.equals(b.text("name")))
        .map(b -> "${google_storage_bucket." + b.name() + ".name}").findFirst()
        .orElseThrow(() -> new AssertionError(substitution + " names " + name + ", which Terraform does not create"));
  }

  private static JsonNode cloudBuild(String file) {
    return NodeScript.run(Terraform.ROOT, ".github/validation/check.mjs", List.of(file)).get(file).get("yaml");
  }

  /** The account a build config runs as, which must be one Terraform creates: its Terraform member local. */
  private static String buildAccount(JsonNode build) {
    String serviceAccount = build.path("serviceAccount").asText();
    java.util.regex.Matcher id = Pattern.compile("^projects/\\$\\{PROJECT_ID}/serviceAccounts/([a-z0-9-]+)@\\$\\{PROJECT_ID}\\.iam\\.gserviceaccount\\.com$")
        .matcher(serviceAccount);
    assertTrue(id.matches(), "serviceAccount: '" + serviceAccount + "' (a build without one runs as a default account)");
    Terraform.Block account = Terraform.resources("google_service_account").stream()
        .filter(sa -> id.group(1).equals(sa.text("account_id"))).findFirst()
        .orElseThrow(() -> new AssertionError(id.group(1) + " is not created by Terraform"));
    return "serviceAccount:${google_service_account." + account.name() + ".email}";
  }

  @Test
  void theReleaseBuildsAccountMayWriteLogsImagesSpecFilesAndTheCacheAndNothingElse() {
    // A build with its own account must log to Cloud Logging (roles/logging.logWriter) or its own
    // bucket (https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts).
    JsonNode release = cloudBuild("cloudbuild/release.yaml");
    assertEquals("CLOUD_LOGGING_ONLY", release.get("options").get("logging").asText());
    Set<String> expected = Set.of("project roles/logging.logWriter",
        "artifact_registry_repository ${google_artifact_registry_repository.templates.name} roles/artifactregistry.writer",
        "storage_bucket " + bucketNamedBy(release, "_SPEC_BUCKET") + " roles/storage.objectUser",
        "storage_bucket " + bucketNamedBy(release, "_CACHE_BUCKET") + " roles/storage.objectUser");
    assertEquals(new TreeSet<>(expected), grantsTo(buildAccount(release)));
  }

  @Test
  void thePullRequestBuildsAccountMayWriteLogsAndReadTheCacheAndNothingElse() {
    // Pull requests run code nobody has reviewed yet: they may read the release builds' Maven cache
    // but never write to it, or a release would build with what a pull request put there.
    JsonNode pr = cloudBuild("cloudbuild/pr.yaml");
    assertEquals("CLOUD_LOGGING_ONLY", pr.get("options").get("logging").asText());
    Set<String> expected = Set.of("project roles/logging.logWriter",
        "storage_bucket " + bucketNamedBy(pr, "_CACHE_BUCKET") + " roles/storage.objectViewer");
    assertEquals(new TreeSet<>(expected), grantsTo(buildAccount(pr)));
  }

  @Test
  void theCloudBuildApiIsEnabled() {
    assertTrue(Terraform.local("apis").asText().contains("\"cloudbuild.googleapis.com\""), Terraform.local("apis").asText());
  }
}
