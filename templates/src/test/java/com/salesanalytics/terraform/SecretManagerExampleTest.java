package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform has no secrets; docs/security-encryption.md shows where one would go (a
 * notification channel's token in Secret Manager, used by reference). The example must be valid
 * Terraform and must not take the token from a variable.
 */
class SecretManagerExampleTest {
  private static final Pattern HCL_BLOCK = Pattern.compile("```hcl\n(.*?)```", Pattern.DOTALL);

  private static JsonNode example(Path dir) throws Exception {
    String doc = Files.readString(Terraform.ROOT.resolve("docs/security-encryption.md"));
    Matcher hcl = HCL_BLOCK.matcher(doc);
    String secretExample = null;
    while (hcl.find()) {
      if (hcl.group(1).contains("google_secret_manager_secret")) {
        secretExample = hcl.group(1);
      }
    }
    assertTrue(secretExample != null, "no Secret Manager example in docs/security-encryption.md");
    return Terraform.parse(List.of(Files.writeString(dir.resolve("secret-example.tf"), secretExample)));
  }

  @Test
  void theExampleIsValidAgainstTheProviderSchema(@TempDir Path dir) throws Exception {
    JsonNode parsed = example(dir);
    assertEquals(List.of(), ProviderSchemaCheck.problems(parsed, Terraform.schema()));
    assertEquals(3, Terraform.blocks(parsed, "resource").size() + Terraform.blocks(parsed, "data").size());
  }

  @Test
  void theChannelsTokenComesFromTheSecretVersionNotFromAVariable(@TempDir Path dir) throws Exception {
    JsonNode parsed = example(dir);
    Terraform.Block channel = Terraform.blocks(parsed, "resource").stream()
        .filter(b -> b.type().equals("google_monitoring_notification_channel")).findFirst().orElseThrow();
    assertEquals("${data.google_secret_manager_secret_version.slack_token.secret_data}",
        channel.body().get("sensitive_labels").get(0).get("auth_token").asText());
    Terraform.Block version = Terraform.blocks(parsed, "data").get(0);
    assertEquals("google_secret_manager_secret_version", version.type());
    assertEquals("${google_secret_manager_secret.slack_token.id}", version.text("secret"));
    assertTrue(!parsed.toString().contains("var."), "the example takes nothing from a variable: " + parsed);
  }

  @Test
  void noVariableOfTheModuleHoldsASecret() {
    JsonNode variables = Terraform.module().get(Terraform.MODULE.resolve("variables.tf").toString()).get("variable");
    List<String> secretLooking = new ArrayList<>();
    variables.fieldNames().forEachRemaining(name -> {
      if (name.matches(".*(token|password|secret|credential|private_key|api_key).*")
          || variables.get(name).get(0).path("sensitive").asBoolean(false)) {
        secretLooking.add(name);
      }
    });
    assertEquals(List.of(), secretLooking, "secrets go in Secret Manager (docs/security-encryption.md), not in variables");
  }
}
