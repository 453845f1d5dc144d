package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.catalog.CatalogDocs;
import com.salesanalytics.catalog.PlatformNames;
import com.salesanalytics.catalog.SalesTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Terraform block on each template's page, as a reader would paste it: valid against the
 * provider schema, and launching the job the way the platform's own Terraform does.
 */
class CatalogTerraformExamplesTest {
  private static final Pattern HCL_BLOCK = Pattern.compile("```hcl\n(.*?)```", Pattern.DOTALL);
  private static final String REGION = "europe-west1";

  private static Map<SalesTemplate, Terraform.Block> examples;

  /** Every page's Terraform block, parsed in one run of the HCL parser and checked against the provider schema. */
  @BeforeAll
  static void parseEveryExample(@TempDir Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (SalesTemplate template : SalesTemplate.values()) {
      Matcher hcl = HCL_BLOCK.matcher(CatalogDocs.files().get("docs/templates/" + template.id() + ".md"));
      assertTrue(hcl.find(), template.id() + " has no Terraform block");
      files.add(Files.writeString(dir.resolve(template.id() + ".tf"), hcl.group(1)));
    }
    JsonNode parsed = Terraform.parse(files);
    assertEquals(List.of(), ProviderSchemaCheck.problems(parsed, Terraform.schema()));
    examples = new EnumMap<>(SalesTemplate.class);
    for (Terraform.Block job : Terraform.blocks(parsed, "resource")) {
      examples.put(SalesTemplate.byId(job.file().replace(".tf", "")), job);
    }
    assertEquals(SalesTemplate.values().length, examples.size());
  }

  private static Terraform.Block example(SalesTemplate template) {
    return examples.get(template);
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theExampleRunsInTheProvisionedSubnetworkWithPrivateIps(SalesTemplate template) {
    Terraform.Block job = example(template);
    assertEquals(PlatformNames.subnetwork(REGION), job.text("subnetwork"));
    assertEquals("WORKER_IP_PRIVATE", job.text("ip_configuration"));
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theExampleRunsAsTheTemplatesOwnAccountAndReadsOnlyItsOwnSubscription(SalesTemplate template) {
    Terraform.Block job = example(template);
    assertEquals(template.id() + "@retail-analytics-prod.iam.gserviceaccount.com", job.text("service_account_email"));
    String subscription = job.body().get("parameters").path("inputSubscription").asText(null);
    if (subscription != null) {
      assertEquals("projects/retail-analytics-prod/subscriptions/" + template.id(), subscription);
    }
  }
}
