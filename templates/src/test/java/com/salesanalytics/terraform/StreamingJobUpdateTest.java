package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a change of each input does to the running streaming jobs, by the rules of the pinned
 * provider: google-beta 6.50.0's google_dataflow_flex_template_job
 * (https://github.com/hashicorp/terraform-provider-google-beta/blob/v6.50.0/google-beta/services/dataflow/resource_dataflow_flex_template_job.go).
 * An attribute marked ForceNew there replaces the job (drain, wait until drained, launch a new job
 * of the same name: streaming state is lost); a change to any other attribute is sent as an update
 * (flexTemplates:launch with update=true and the same job name, which keeps the state), after
 * which the provider tracks the new job's id. The streaming jobs are never batch jobs, for which
 * the provider marks every attribute ForceNew.
 */
class StreamingJobUpdateTest {
  /** The schema's ForceNew attributes in 6.50.0: name, region, project, num_workers, max_workers, enable_streaming_engine. */
  private static final Set<String> REPLACES_THE_JOB =
      Set.of("name", "region", "project", "num_workers", "max_workers", "enable_streaming_engine");
  private static final Set<String> META_ARGUMENTS = Set.of("for_each", "provider", "depends_on", "lifecycle", "count");

  private static JsonNode streamingJob() {
    assertEquals(1, Terraform.resources("google_dataflow_flex_template_job").size());
    return Terraform.resources("google_dataflow_flex_template_job").get(0).body();
  }

  /** The variables a change of which changes at least one attribute of the given kind. */
  private static Set<String> variablesReaching(boolean forcingReplacement) {
    Set<String> variables = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = streamingJob().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> attribute = it.next();
      if (META_ARGUMENTS.contains(attribute.getKey())
          || REPLACES_THE_JOB.contains(attribute.getKey()) != forcingReplacement) {
        continue;
      }
      TerraformReferences.reachableFrom(attribute.getValue()).stream().filter(r -> r.startsWith("var."))
          .forEach(variables::add);
    }
    return variables;
  }

  @Test
  void aNewReleaseUpdatesTheStreamingJobsInPlaceKeepingTheirState() {
    assertTrue(TerraformReferences.reachableFrom(streamingJob().get("container_spec_gcs_path"))
        .contains("var.template_version"), "a release must reach the jobs through their spec file");
    assertTrue(!variablesReaching(true).contains("var.template_version"),
        "template_version reaches an attribute the provider replaces the job on");
  }

  @Test
  void onlyTheProjectTheRegionAndTheWorkerCeilingReplaceTheStreamingJobs() {
    // docs/operations.md tells operators which variables drain and relaunch the jobs; this keeps it true.
    assertEquals(Set.of("var.max_workers", "var.project_id", "var.region"), variablesReaching(true));
  }

  @Test
  void aReleaseThatRenamesStepsCanMapThemInTheSameUpdate() {
    assertEquals("${var.transform_name_mappings}", streamingJob().path("transform_name_mapping").asText());
  }

  @Test
  void theLauncherRefusesToUpdateExactlyTheJobsTerraformRuns() {
    Set<String> jobs = new TreeSet<>();
    Terraform.local("streaming_jobs").fieldNames().forEachRemaining(jobs::add);
    assertEquals(jobs, new TreeSet<>(com.salesanalytics.catalog.PlatformNames.JOBS_RUN_BY_TERRAFORM));
  }
}
