package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.catalog.CatalogDocs;
import com.salesanalytics.catalog.PlatformNames;
import com.salesanalytics.catalog.SalesTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @TempDir
  Path dir;

  private Terraform.Block example(SalesTemplate template) {
    String page = CatalogDocs.files().get("docs/templates/" + template.id() + ".md");
    Matcher hcl = HCL_BLOCK.matcher(page);
    assertTrue(hcl.find(), template.id() + " has no Terraform block");
    Path file = dir.resolve(template.id() + ".tf");
    try {
      Files.writeString(file, hcl.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var parsed = Terraform.parse(List.of(file));
    assertEquals(List.of(), ProviderSchemaCheck.problems(parsed, Terraform.schema()));
    List<Terraform.Block> jobs = Terraform.blocks(parsed, "resource");
    assertEquals(1, jobs.size());
    return jobs.get(0);
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theExampleRunsInTheProvisionedSubnetworkWithPrivateIps(SalesTemplate template) {
    Terraform.Block job = example(template);
    assertEquals(PlatformNames.subnetwork(REGION), job.text("subnetwork"));
    assertEquals("WORKER_IP_PRIVATE", job.text("ip_configuration"));
  }
}
