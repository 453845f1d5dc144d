package com.salesanalytics.cicd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesanalytics.catalog.SalesTemplate;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cloud Build's release and PR builds: valid YAML with the steps a release needs, templates from the catalog. */
class CloudBuildTest {
  private static final String RELEASE = "cloudbuild/release.yaml";
  private static final String PR = "cloudbuild/pr.yaml";

  private static List<String> stepIds(JsonNode build) {
    List<String> ids = new ArrayList<>();
    build.get("steps").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  private static String scripts(JsonNode build) {
    StringBuilder all = new StringBuilder();
    build.get("steps").forEach(s -> all.append(s.get("args").toString()).append('\n'));
    return all.toString();
  }

  @Test
  void theReleaseBuildHasEveryStepTheReleaseNeedsInOrder() {
    JsonNode parsed = Pipelines.parse(RELEASE).get(RELEASE);
    assertEquals(List.of(), List.of(parsed.get("errors").toString()).stream().filter(e -> !e.equals("[]")).toList());
    JsonNode build = parsed.get("yaml");
    // The cache is saved before anything is published: a failure there must not leave a half release.
    assertEquals(List.of("restore-maven-cache", "node-runtime", "test", "save-maven-cache", "images", "specs", "upload-specs"),
        stepIds(build));
    String scripts = scripts(build);
    assertTrue(scripts.contains("mvn -B verify"));
    assertTrue(scripts.contains("catalog --tsv") && scripts.contains("jib:build"));
    assertTrue(scripts.contains("catalog --specs=") && scripts.contains("gs://${_SPEC_BUCKET}/templates/${_VERSION}/"));
    for (String substitution : List.of("_VERSION", "_REGION", "_REPOSITORY", "_SPEC_BUCKET", "_CACHE_BUCKET")) {
      assertTrue(build.get("substitutions").has(substitution), substitution);
    }
    assertTrue(build.get("options").get("dynamicSubstitutions").asBoolean());
  }

  @Test
  void thePrBuildRunsTheTests() {
    JsonNode build = Pipelines.parse(PR).get(PR).get("yaml");
    assertTrue(scripts(build).contains("mvn -B verify"));
  }

  @Test
  void theWorkflowTheCloudBuildAndTheCatalogNameTheSameTemplates() throws Exception {
    // Both release pipelines iterate `catalog --tsv`, which lists SalesTemplate: neither keeps a list.
    String workflow = Files.readString(Pipelines.ROOT.resolve(".github/workflows/release.yml"));
    String cloudBuild = Files.readString(Pipelines.ROOT.resolve(RELEASE));
    for (String release : List.of(workflow, cloudBuild)) {
      assertTrue(release.contains("catalog --tsv"));
      for (SalesTemplate template : SalesTemplate.values()) {
        assertFalse(release.contains(template.id()), template.id());
      }
    }
    List<String> listed = com.salesanalytics.catalog.CatalogCommandAccess.tsv().lines().map(l -> l.split("\t")[0]).toList();
    assertEquals(java.util.Arrays.stream(SalesTemplate.values()).map(SalesTemplate::id).toList(), listed);
  }

  /** The lowest Node.js major every package of a lock file accepts ({@code engines.node} of the form ">= N[.M]"). */
  private static int nodeMajorRequiredBy(String lockFile) throws Exception {
    JsonNode lock = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Pipelines.ROOT.resolve(lockFile).toFile());
    int required = 0;
    for (JsonNode pkg : lock.get("packages")) {
      String engines = pkg.path("engines").path("node").asText("");
      if (engines.isEmpty()) {
        continue;
      }
      java.util.regex.Matcher atLeast = java.util.regex.Pattern.compile("^>=\\s*(\\d+)(?:\\.\\d+){0,2}$").matcher(engines.trim());
      assertTrue(atLeast.matches(), lockFile + ": engines.node '" + engines + "' is not of the form >= N; teach this test");
      required = Math.max(required, Integer.parseInt(atLeast.group(1)));
    }
    return required;
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {RELEASE, PR})
  void theTestsRunOnANodeJsThatEveryValidatorAccepts(String file) throws Exception {
    // The Maven image's apt offers Ubuntu's nodejs (18.19.1 on noble,
    // https://packages.ubuntu.com/noble/nodejs); GitHub's workflow parser needs node >= 20.
    int required = Math.max(nodeMajorRequiredBy(".github/validation/package-lock.json"),
        nodeMajorRequiredBy("terraform/validation/package-lock.json"));
    JsonNode build = Pipelines.parse(file).get(file).get("yaml");
    JsonNode runtime = null;
    JsonNode tests = null;
    for (JsonNode step : build.get("steps")) {
      if (step.get("id").asText().equals("node-runtime")) {
        runtime = step;
      } else if (step.get("args").toString().contains("mvn -B verify")) {
        tests = step;
      }
    }
    assertTrue(runtime != null && tests != null, file + " has a node-runtime step and a test step");
    java.util.regex.Matcher image = java.util.regex.Pattern.compile("^node:(\\d+)-").matcher(runtime.get("name").asText());
    assertTrue(image.find(), runtime.get("name").asText());
    assertTrue(Integer.parseInt(image.group(1)) >= required, "node " + image.group(1) + " < " + required);
    StringBuilder script = new StringBuilder();
    tests.get("args").forEach(a -> script.append(a.asText()).append('\n'));
    String testScript = script.toString();
    assertFalse(testScript.contains("apt-get install") && testScript.contains("nodejs"), "no distribution nodejs: " + testScript);
    assertTrue(testScript.contains("PATH=\"$$PWD/.node/bin:$$PATH\""), "the copied node comes first on PATH: " + testScript);
  }
}
