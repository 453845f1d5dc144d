package com.salesanalytics.cicd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesanalytics.catalog.SalesTemplate;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GitHub workflows, checked with GitHub's own workflow parser and against the release's rules. */
class WorkflowsTest {
  private static final String CI = ".github/workflows/ci.yml";
  private static final String RELEASE = ".github/workflows/release.yml";
  private static final Pattern USES = Pattern.compile("(?m)^\\s*(?:-\\s*)?uses:\\s*(\\S+)");
  private static JsonNode parsed;

  @BeforeAll
  static void parse() {
    parsed = Pipelines.parse(CI, RELEASE);
  }

  private static JsonNode yaml(String file) {
    return parsed.get(file).get("yaml");
  }

  private static String text(String file) throws Exception {
    return Files.readString(Pipelines.ROOT.resolve(file));
  }

  @Test
  void bothWorkflowsParseWithoutErrors() {
    for (String file : List.of(CI, RELEASE)) {
      assertEquals(List.of(), toList(parsed.get(file).get("errors")), file);
      assertTrue(parsed.get(file).get("workflow").get("jobs").size() >= 1, file);
    }
  }

  @Test
  void anUnknownKeyAndABadExpressionAreReported() {
    JsonNode broken = Pipelines.parse("templates/src/test/resources/workflow-fixtures/unknown-key.yml",
        "templates/src/test/resources/workflow-fixtures/bad-expression.yml");
    assertTrue(broken.get("templates/src/test/resources/workflow-fixtures/unknown-key.yml").get("errors").toString()
        .contains("Unexpected value 'stepz'"));
    assertTrue(broken.get("templates/src/test/resources/workflow-fixtures/bad-expression.yml").get("errors").toString()
        .contains("Unexpected end of expression"));
  }

  @Test
  void ciRunsTheReadmesTestCommandOnPullRequestsAndMainAndKeepsTheReports() throws Exception {
    String readme = Files.readString(Pipelines.ROOT.resolve("README.md"));
    Matcher command = Pattern.compile("```bash\\n(mvn -B verify)\\n```").matcher(readme);
    assertTrue(command.find(), "the README names its test command in a bash block");
    assertTrue(text(CI).contains("run: " + command.group(1)), "ci.yml runs " + command.group(1));
    assertTrue(text(".ci/run").contains(command.group(1)), ".ci/run runs " + command.group(1));
    JsonNode on = yaml(CI).get("on");
    assertTrue(on.has("pull_request"));
    assertEquals("main", on.get("push").get("branches").get(0).asText());
    assertTrue(text(CI).contains("actions/upload-artifact@"));
    for (String module : List.of("templates", "cli")) {
      assertTrue(text(CI).contains(module + "/target/surefire-reports/"), "ci.yml keeps the " + module + " module's test reports");
    }
    assertTrue(text(CI).contains("java-version: \"17\"") && text(CI).contains("cache: maven"));
  }

  @Test
  void topLevelPermissionsAreReadOnlyAndIdTokenIsGrantedOnlyWhereFederationIsUsed() {
    for (String file : List.of(CI, RELEASE)) {
      JsonNode permissions = yaml(file).get("permissions");
      assertEquals(1, permissions.size(), file);
      assertEquals("read", permissions.get("contents").asText(), file);
    }
    yaml(CI).get("jobs").forEach(job -> assertFalse(job.has("permissions") && job.get("permissions").has("id-token")));
    JsonNode publish = yaml(RELEASE).get("jobs").get("publish");
    assertEquals("write", publish.get("permissions").get("id-token").asText());
    assertTrue(publish.toString().contains("google-github-actions/auth@"));
  }

  @Test
  void everyThirdPartyActionIsPinnedToAFullCommitSha() throws Exception {
    for (String file : List.of(CI, RELEASE)) {
      Matcher uses = USES.matcher(text(file));
      int count = 0;
      while (uses.find()) {
        count++;
        assertTrue(uses.group(1).matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}"), file + ": " + uses.group(1) + " is not pinned");
      }
      assertTrue(count > 0, file);
    }
  }

  @Test
  void releasesRunOnVersionTagsOneAtATime() {
    assertEquals("v*", yaml(RELEASE).get("on").get("push").get("tags").get(0).asText());
    assertEquals("release", yaml(RELEASE).get("concurrency").get("group").asText());
    assertFalse(yaml(RELEASE).get("concurrency").get("cancel-in-progress").asBoolean());
  }

  @Test
  void theReleaseAuthenticatesKeylesslyWithTerraformsOutputs() throws Exception {
    String release = text(RELEASE);
    assertTrue(release.contains("workload_identity_provider: ${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}"));
    assertTrue(release.contains("service_account: ${{ vars.GCP_CI_SERVICE_ACCOUNT }}"));
    assertFalse(release.contains("credentials_json"), "no service account key");
  }

  @Test
  void theReleaseBuildsEveryTemplateFromTheCatalogNeverAHandKeptList() throws Exception {
    String release = text(RELEASE);
    assertTrue(release.contains("catalog --tsv"), "images are built for the templates the catalog lists");
    assertTrue(release.contains("catalog --specs="), "spec files come from the catalog");
    assertTrue(release.contains("-Dimage.tag=\"$VERSION\" -Djib.to.tags=\"$GITHUB_SHA\""), "tagged by version and commit");
    assertTrue(release.contains("gcloud storage cp target/release/specs/*.json \"gs://$SPEC_BUCKET/templates/$VERSION/\""));
    assertTrue(release.contains("gh release create") && release.contains("target/release/catalog.json"));
    assertTrue(release.contains("digest"), "the release catalog records image digests");
    for (SalesTemplate template : SalesTemplate.values()) {
      assertFalse(release.contains(template.id()), template.id() + " is named in release.yml: derive it from the catalog");
    }
  }

  private static List<String> toList(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }
}
