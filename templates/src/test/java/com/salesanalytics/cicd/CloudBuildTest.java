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
    assertEquals(List.of("restore-maven-cache", "test", "images", "specs", "upload-specs", "save-maven-cache"), stepIds(build));
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
}
