package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * var.kms_key_name: null keeps Google-managed encryption; a Cloud KMS key encrypts every dataset,
 * topic, bucket and Terraform-run Dataflow job with it, and every Google service agent that
 * encrypts or decrypts for those resources may use the key (docs/security-encryption.md).
 */
class CustomerManagedKeyTest {
  private static final String KEY = "${var.kms_key_name}";
  private static final String ENCRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

  private static JsonNode variable() {
    JsonNode variables = Terraform.module().get(Terraform.MODULE.resolve("variables.tf").toString()).get("variable");
    assertTrue(variables.has("kms_key_name"), "no variable kms_key_name");
    return variables.get("kms_key_name").get(0);
  }

  private static Pattern keyPattern() {
    String condition = variable().get("validation").get(0).get("condition").asText();
    Matcher regex = Pattern.compile("regex\\(\"(.*)\", var\\.kms_key_name\\)").matcher(condition);
    assertTrue(regex.find(), condition);
    assertTrue(condition.contains("var.kms_key_name == null"), "null must stay valid: " + condition);
    return Pattern.compile(regex.group(1).replace("\\\\", "\\"));
  }

  @Test
  void googleManagedEncryptionByDefault() {
    JsonNode unset = variable().get("default");
    assertTrue(unset == null || unset.isNull(), "default = " + unset);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "projects/retail-analytics-prod/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data",
      "projects/retail-kms/locations/europe-west1/keyRings/data-keys/cryptoKeys/sales_2026"})
  void aCryptoKeyNameIsAccepted(String key) {
    assertTrue(keyPattern().matcher(key).matches(), key);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sales-data",
      "projects/retail-analytics-prod/locations/europe-west1/keyRings/sales",
      "projects/retail-analytics-prod/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data/cryptoKeyVersions/1",
      "//cloudkms.googleapis.com/projects/p/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data",
      "projects/retail-analytics-prod/locations/europe-west1/keyRings/sales/cryptoKeys/"})
  void anythingElseIsRefused(String key) {
    assertFalse(keyPattern().matcher(key).matches(), key);
  }

  @Test
  void everyDatasetHasTheKeyAsItsDefaultWhenOneIsSet() {
    assertEquals("${var.kms_key_name == null ? [] : [var.kms_key_name]}", Terraform.local("kms_key_names").asText());
    List<Terraform.Block> datasets = Terraform.resources("google_bigquery_dataset");
    assertEquals(2, datasets.size(), "sales_data and its _tmp");
    for (Terraform.Block dataset : datasets) {
      JsonNode dynamic = dataset.body().path("dynamic").path("default_encryption_configuration").path(0);
      assertEquals("${local.kms_key_names}", dynamic.path("for_each").asText(), dataset.where());
      assertEquals("${default_encryption_configuration.value}",
          dynamic.path("content").path(0).path("kms_key_name").asText(), dataset.where());
    }
  }

  @Test
  void everyBucketEncryptsNewObjectsWithTheKeyWhenOneIsSet() {
    List<Terraform.Block> buckets = Terraform.resources("google_storage_bucket");
    assertEquals(3, buckets.size(), "templates, temp, build_cache");
    for (Terraform.Block bucket : buckets) {
      JsonNode dynamic = bucket.body().path("dynamic").path("encryption").path(0);
      assertEquals("${local.kms_key_names}", dynamic.path("for_each").asText(), bucket.where());
      assertEquals("${encryption.value}", dynamic.path("content").path(0).path("default_kms_key_name").asText(),
          bucket.where());
    }
  }

  @Test
  void theTopicAndEveryDataflowJobTerraformRunsUseTheKey() {
    List<Terraform.Block> topics = Terraform.resources("google_pubsub_topic");
    assertFalse(topics.isEmpty());
    for (Terraform.Block topic : topics) {
      assertEquals(KEY, topic.text("kms_key_name"), topic.where());
    }
    for (Terraform.Block job : Terraform.resources("google_dataflow_flex_template_job")) {
      assertEquals(KEY, job.text("kms_key_name"), job.where());
    }
    JsonNode scheduled = Terraform.local("backfill_launch_request").get("launchParameter").get("environment");
    assertEquals(KEY, scheduled.path("kmsKeyName").asText(), "the daily backfill's launch request");
  }

  /** The service agents, as the BigQuery, Pub/Sub, Cloud Storage and Dataflow CMEK pages name them. */
  @Test
  void everyServiceAgentThatEncryptsForTheseResourcesMayUseTheKey() {
    Map<String, String> expected = new TreeMap<>(Map.of(
        "bigquery", "serviceAccount:${join(\"\", data.google_bigquery_default_service_account.this[*].email)}",
        "storage", "serviceAccount:${join(\"\", data.google_storage_project_service_account.this[*].email_address)}",
        "pubsub", "serviceAccount:service-${local.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com",
        "dataflow", "serviceAccount:service-${local.project_number}@dataflow-service-producer-prod.iam.gserviceaccount.com",
        "compute", "serviceAccount:service-${local.project_number}@compute-system.iam.gserviceaccount.com"));
    Map<String, String> agents = new TreeMap<>();
    Terraform.local("kms_service_agents").fields().forEachRemaining(a -> agents.put(a.getKey(), a.getValue().asText()));
    assertEquals(expected, agents);
    // join, not one(): one() of no lookups is null, and a null in a string template fails every plan
    // without a key (Terraform evaluates locals whether or not anything uses them).
    assertEquals("${join(\"\", data.google_project.this[*].number)}", Terraform.local("project_number").asText());

    List<Terraform.Block> grants = Terraform.resources("google_kms_crypto_key_iam_member");
    assertEquals(1, grants.size());
    Terraform.Block grant = grants.get(0);
    assertEquals("${var.kms_key_name == null ? {} : local.kms_service_agents}", grant.text("for_each"));
    assertEquals(KEY, grant.text("crypto_key_id"));
    assertEquals(ENCRYPTER, grant.text("role"));
    assertEquals("${each.value}", grant.text("member"));
  }

  /** BigQuery wants the key in the dataset's location, Cloud Storage in the bucket's, Dataflow in the job's region. */
  @Test
  void thePlanStopsUnlessTheKeyIsInTheRegionWhereEveryResourceIs() {
    Terraform.Block grant = Terraform.resources("google_kms_crypto_key_iam_member").get(0);
    JsonNode precondition = grant.body().path("lifecycle").path(0).path("precondition").path(0);
    assertEquals("${split(\"/\", var.kms_key_name)[3] == var.region && lower(local.bigquery_location) == var.region}",
        precondition.path("condition").asText());
    String message = precondition.path("error_message").asText();
    assertTrue(message.contains("kms_key_name") && message.contains("bigquery_location"), message);
  }

  @Test
  void resourcesThatUseTheKeyAreCreatedAfterItsGrants() {
    String grants = "${google_kms_crypto_key_iam_member.service_agents}";
    List<String> missing = new ArrayList<>();
    for (String type : List.of("google_bigquery_dataset", "google_storage_bucket", "google_pubsub_topic",
        "google_dataflow_flex_template_job", "google_cloud_scheduler_job")) {
      for (Terraform.Block block : Terraform.resources(type)) {
        if (!block.body().path("depends_on").toString().contains(grants.replaceAll("[${}]", ""))) {
          missing.add(block.where());
        }
      }
    }
    assertEquals(List.of(), missing, "a resource created before the grant cannot use the key");
  }

  /** With kms_key_name null no block, grant or argument names a key: Google-managed encryption everywhere. */
  @Test
  void everyUseOfTheKeyIsOneOfTheGuardedOnes() {
    List<String> uses = new ArrayList<>();
    collect(Terraform.module(), "", uses);
    List<String> unguarded = uses.stream().filter(use -> !List.of(
        "kms_key_name = ${var.kms_key_name}",
        "kmsKeyName = ${var.kms_key_name}",
        "crypto_key_id = ${var.kms_key_name}",
        "kms_key_names = ${var.kms_key_name == null ? [] : [var.kms_key_name]}",
        "for_each = ${var.kms_key_name == null ? {} : local.kms_service_agents}",
        "for_each = ${var.kms_key_name == null ? 0 : 1}",
        "count = ${var.kms_key_name == null ? 0 : 1}").contains(use)).toList();
    assertEquals(List.of(), unguarded);
  }

  private static void collect(JsonNode node, String key, List<String> into) {
    if (node.isTextual()) {
      if (node.asText().contains("var.kms_key_name") && !key.equals("condition") && !key.equals("error_message")) {
        into.add(key + " = " + node.asText());
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, key, into));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(f -> collect(f.getValue(), f.getKey(), into));
    }
  }
}
