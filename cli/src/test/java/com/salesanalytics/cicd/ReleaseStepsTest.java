package com.salesanalytics.cicd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.dataflow.v1beta3.ContainerSpec;
import com.google.protobuf.util.JsonFormat;
import com.salesanalytics.catalog.SalesTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release steps of release.yml and cloudbuild/release.yaml, run as GitHub and Cloud Build run
 * them (shell, substitutions), with stub mvn and gcloud on PATH and the real catalog behind java.
 */
class ReleaseStepsTest {
  private static final String WORKFLOW = ".github/workflows/release.yml";
  private static final String CLOUD_BUILD = "cloudbuild/release.yaml";
  private static final String REPOSITORY = "europe-west1-docker.pkg.dev/retail-analytics-prod/sales-templates";
  private static final String PROJECT = "retail-analytics-prod";

  /**
   * mvn as far as the release uses it: Jib refuses a -Djib.to.tags list with an empty tag ("jib.to.tags
   * has empty tag", JibPluginConfiguration.getTargetImageAdditionalTags in GoogleContainerTools/jib)
   * and writes the pushed image's digest to -Djib.outputPaths.digest as "sha256:<hex>".
   */
  private static final String MVN_AS_JIB = """
      id=""; digest=""
      for arg in "$@"; do
        case "$arg" in
          -Djib.to.tags=*) case ",${arg#-Djib.to.tags=}," in *,,*) echo "jib.to.tags has empty tag" >&2; exit 1;; esac;;
          -Dtemplate.id=*) id="${arg#-Dtemplate.id=}";;
          -Djib.outputPaths.digest=*) digest="${arg#-Djib.outputPaths.digest=}";;
        esac
      done
      [ -z "$digest" ] || printf 'sha256:%s' "$(printf '%s' "$id" | sha256sum | cut -c1-64)" > "$digest"
      """;
  private static final String FAILING_CATALOG = "echo 'error: the catalog could not be listed' >&2; exit 1";

  private static JsonNode workflow;
  private static JsonNode cloudBuild;

  @BeforeAll
  static void parse() {
    JsonNode parsed = Pipelines.parse(WORKFLOW, CLOUD_BUILD);
    workflow = parsed.get(WORKFLOW).get("yaml");
    cloudBuild = parsed.get(CLOUD_BUILD).get("yaml");
  }

  private static Map<String, String> workflowEnv() {
    return Map.of("VERSION", "1.4.2", "IMAGE_REPOSITORY", REPOSITORY, "SPEC_BUCKET", PROJECT + "-dataflow-templates",
        "GITHUB_SHA", "3f9c2e1b7a0d4c5e6f708192a3b4c5d6e7f80912");
  }

  private static StepRunner.Result workflowStep(StepRunner.Workspace workspace, String step, Path dir) {
    return StepRunner.run(workspace, StepRunner.githubCommand(workflow, "publish", step, dir), workflowEnv());
  }

  private static StepRunner.Result cloudBuildStep(StepRunner.Workspace workspace, String step,
      Map<String, String> builtIns, Map<String, String> substitutions) {
    List<String> command = StepRunner.cloudBuildCommand(cloudBuild, step, builtIns, substitutions);
    // Every step starts in /workspace; here a scratch directory stands in for it.
    assertTrue(command.stream().noneMatch(a -> a.contains("/workspace")),
        step + " names /workspace: use paths relative to the step's working directory");
    return StepRunner.run(workspace, command, Map.of());
  }

  private static Map<String, String> manualBuild() {
    return Map.of("PROJECT_ID", PROJECT);
  }

  private static void writeDigests(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (SalesTemplate template : SalesTemplate.values()) {
      Files.writeString(dir.resolve(template.id()), digestOf(template));
    }
  }

  private static String digestOf(SalesTemplate template) {
    return "sha256:" + String.format("%064x", template.ordinal() + 0xabcdefL);
  }

  private static void assertSpecsPinnedToDigests(Path specs) throws Exception {
    for (SalesTemplate template : SalesTemplate.values()) {
      ContainerSpec.Builder spec = ContainerSpec.newBuilder();
      JsonFormat.parser().merge(Files.readString(specs.resolve(template.id() + ".json")), spec);
      assertEquals(REPOSITORY + "/" + template.id() + "@" + digestOf(template), spec.getImage(), template.id());
    }
  }

  @Test
  void everyRunStepOfBothWorkflowsRunsWithPipefail() {
    // Without `shell: bash` GitHub runs `bash -e {0}`: a pipeline then fails only if its last command does.
    for (String file : List.of(WORKFLOW, ".github/workflows/ci.yml")) {
      JsonNode yaml = Pipelines.parse(file).get(file).get("yaml");
      yaml.get("jobs").fields().forEachRemaining(job -> job.getValue().get("steps").forEach(step -> {
        if (step.has("run")) {
          String shell = StepRunner.shellTemplate(StepRunner.githubShell(yaml, job.getValue(), step));
          assertTrue(shell.contains("pipefail"), file + ": '" + step.path("name").asText() + "' runs as " + shell);
        }
      }));
    }
  }

  @Test
  void aFailingCatalogListFailsTheWorkflowsImageStepBeforeAnyImageIsBuilt(@TempDir Path dir) {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir).stub("java", FAILING_CATALOG).stub("mvn", MVN_AS_JIB);
    StepRunner.Result result = workflowStep(workspace, "Build and push every template's image", dir);
    assertNotEquals(0, result.exitCode(), result.output());
    assertEquals(List.of(), result.callsOf("mvn"));
  }

  @Test
  void theWorkflowWritesSpecFilesPinnedToTheDigestsJibRecorded(@TempDir Path dir) throws Exception {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir)
        .stub("java", StepRunner.realCatalogJava()).stub("gcloud", "exit 0");
    writeDigests(workspace.root().resolve("target/release/digests"));
    StepRunner.Result result = workflowStep(workspace, "Write and upload every spec file", dir);
    assertEquals(0, result.exitCode(), result.output());
    assertSpecsPinnedToDigests(workspace.root().resolve("target/release/specs"));
    assertEquals(1, result.callsOf("gcloud").size(), result.calls().toString());
  }

  @Test
  void aManualSubmitHasNoCommitSoImagesAreTaggedWithTheVersionAlone(@TempDir Path dir) {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir)
        .stub("java", StepRunner.realCatalogJava()).stub("mvn", MVN_AS_JIB);
    StepRunner.Result result = cloudBuildStep(workspace, "images", manualBuild(), Map.of("_VERSION", "1.4.2"));
    assertEquals(0, result.exitCode(), result.output());
    List<String> builds = result.callsOf("mvn");
    assertEquals(SalesTemplate.values().length, builds.size(), result.calls().toString());
    for (String build : builds) {
      assertTrue(build.contains(" -Dimage.tag=1.4.2 "), build);
      assertTrue(!build.contains("-Djib.to.tags="), build);
    }
  }

  @Test
  void aTriggeredBuildTagsEachImageWithTheVersionAndTheCommit(@TempDir Path dir) {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir)
        .stub("java", StepRunner.realCatalogJava()).stub("mvn", MVN_AS_JIB);
    Map<String, String> triggered = new HashMap<>(manualBuild());
    triggered.put("SHORT_SHA", "3f9c2e1");
    StepRunner.Result result = cloudBuildStep(workspace, "images", triggered, Map.of("_VERSION", "1.4.2"));
    assertEquals(0, result.exitCode(), result.output());
    for (String build : result.callsOf("mvn")) {
      assertTrue(build.contains(" -Dimage.tag=1.4.2 ") && build.contains(" -Djib.to.tags=3f9c2e1 "), build);
    }
  }

  @Test
  void anEmptyVersionStopsTheBuildBeforeAnyImageIsBuilt(@TempDir Path dir) {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir)
        .stub("java", StepRunner.realCatalogJava()).stub("mvn", MVN_AS_JIB);
    StepRunner.Result result = cloudBuildStep(workspace, "images", manualBuild(), Map.of());
    assertNotEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("_VERSION"), result.output());
    assertEquals(List.of(), result.callsOf("mvn"));
  }

  @Test
  void aFailingCatalogListFailsTheBuildsImageStepBeforeAnyImageIsBuilt(@TempDir Path dir) {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir).stub("java", FAILING_CATALOG).stub("mvn", MVN_AS_JIB);
    StepRunner.Result result = cloudBuildStep(workspace, "images", manualBuild(), Map.of("_VERSION", "1.4.2"));
    assertNotEquals(0, result.exitCode(), result.output());
    assertEquals(List.of(), result.callsOf("mvn"));
  }

  @Test
  void theBuildWritesSpecFilesPinnedToTheDigestsJibRecorded(@TempDir Path dir) throws Exception {
    StepRunner.Workspace workspace = StepRunner.Workspace.in(dir).stub("java", StepRunner.realCatalogJava());
    writeDigests(workspace.root().resolve("release/digests"));
    StepRunner.Result result = cloudBuildStep(workspace, "specs", manualBuild(), Map.of("_VERSION", "1.4.2"));
    assertEquals(0, result.exitCode(), result.output());
    assertSpecsPinnedToDigests(workspace.root().resolve("release/specs"));
  }
}
