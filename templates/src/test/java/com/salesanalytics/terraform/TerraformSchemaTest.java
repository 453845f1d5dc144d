package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Terraform module checked offline, without the provider binary: HCL2 syntax with HashiCorp's
 * parser, and every type, argument and block against the google provider's published schema.
 */
class TerraformSchemaTest {
  private static final Path FIXTURES = Path.of("src/test/resources/terraform-fixtures").toAbsolutePath();

  private static List<String> problemsIn(String fixture) {
    return ProviderSchemaCheck.problems(Terraform.parse(List.of(FIXTURES.resolve(fixture))), Terraform.schema())
        .stream().sorted().toList();
  }

  @Test
  void everyTerraformFileParsesAsHcl2() throws Exception {
    JsonNode module = Terraform.module();
    try (Stream<Path> files = Files.list(Terraform.MODULE)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
        assertTrue(module.has(file.toString()), file + " was not parsed");
        assertFalse(module.get(file.toString()).isEmpty(), file + " parsed to nothing");
      }
    }
    assertTrue(module.size() >= 10);
  }

  @Test
  void everyResourceDataSourceArgumentAndBlockExistsInTheProviderSchema() {
    assertEquals(List.of(), ProviderSchemaCheck.problems(Terraform.module(), Terraform.schema()));
  }

  @Test
  void theModuleUsesTheResourcesItIsMeantTo() {
    List<String> types = Terraform.blocks(Terraform.module(), "resource").stream().map(Terraform.Block::type).toList();
    for (String type : List.of("google_pubsub_topic", "google_pubsub_subscription", "google_bigquery_table",
        "google_artifact_registry_repository", "google_storage_bucket", "google_service_account",
        "google_iam_workload_identity_pool_provider", "google_dataflow_flex_template_job", "google_cloud_scheduler_job")) {
      assertTrue(types.contains(type), type);
    }
  }

  @Test
  void aMisspelledArgumentIsReportedWithTheNearestValidName() {
    assertEquals(List.of("misspelled.tf: google_storage_bucket.typo: unsupported argument uniform_bucket_level_acess"
        + " (did you mean uniform_bucket_level_access?)"), problemsIn("misspelled.tf"));
  }

  @Test
  void missingRequiredArgumentsAndBlocksAreReported() {
    assertEquals(List.of("missing-required.tf: google_storage_bucket.nowhere.lifecycle_rule: missing required block action",
        "missing-required.tf: google_storage_bucket.nowhere: missing required argument location"),
        problemsIn("missing-required.tf"));
  }

  @Test
  void unknownTypesAreReportedAndBetaOnlyResourcesNeedTheBetaProvider() {
    assertEquals(List.of(
        "unknown-type.tf: google_dataflow_flex_template_job.needs_beta: no resource type google_dataflow_flex_template_job"
            + " in the google provider 6.50.0 (it is in the google-beta provider: set provider = google-beta)",
        "unknown-type.tf: google_pubsub_topik.sales: no resource type google_pubsub_topik in the google provider 6.50.0"
            + " (did you mean google_pubsub_topic?)"), problemsIn("unknown-type.tf"));
  }

  @Test
  void aFileThatIsNotHclFailsToParse() {
    AssertionError error = assertThrows(AssertionError.class, () -> Terraform.parse(List.of(FIXTURES.resolve("not-hcl.tf"))));
    assertTrue(error.getMessage().contains("not-hcl.tf"), error.getMessage());
  }

  @Test
  void theProvidersArePinnedToTheSchemasVersion() {
    JsonNode providers = Terraform.module().get(Terraform.MODULE.resolve("versions.tf").toString())
        .get("terraform").get(0).get("required_providers").get(0);
    for (String provider : List.of("google", "google-beta")) {
      String schemaVersion = Terraform.schema().get("providers").get(provider).get("version").asText();
      assertEquals("= " + schemaVersion, providers.get(provider).get("version").asText(), provider);
    }
  }

  @Test
  void terraformFmtFindsNothingToChangeWhereTerraformIsInstalled() throws Exception {
    boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "terraform")));
    assumeTrue(installed, "no terraform binary on this machine: fmt not checked (the other checks do not need it)");
    Process fmt = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", Terraform.MODULE.toString())
        .redirectErrorStream(true).start();
    String output = new String(fmt.getInputStream().readAllBytes());
    assertEquals(0, fmt.waitFor(), "terraform fmt would change: " + output);
  }
}
