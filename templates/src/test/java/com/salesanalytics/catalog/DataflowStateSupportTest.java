package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.salesanalytics.pipelines.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.construction.PTransformTranslation;
import org.apache.beam.sdk.util.construction.PipelineTranslation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a streaming template asks of Dataflow's state: "For streaming pipelines that use the Apache
 * Beam Java SDK, Runner v2 doesn't support the MapState and SetState classes"
 * (https://cloud.google.com/dataflow/docs/runner-v2, Limitations). The job Dataflow receives must
 * then hold no map, set or multimap state, whichever runner version the service picks.
 */
class DataflowStateSupportTest {
  static List<SalesTemplate> streamingTemplates() {
    return java.util.Arrays.stream(SalesTemplate.values()).filter(SalesTemplate::streaming).toList();
  }

  /** The template's pipeline as the Flex Template launcher builds it for Dataflow. */
  private static Pipeline dataflowPipeline(SalesTemplate template) {
    List<String> args = new ArrayList<>(List.of("--runner=org.apache.beam.sdk.testing.CrashingRunner",
        "--project=retail-analytics-prod", "--region=europe-west1"));
    for (TemplateParameters.Parameter parameter : TemplateParameters.of(template.optionsInterface())) {
      if (parameter.required()) {
        args.add("--" + parameter.name() + "=" + parameter.spec().example());
      }
    }
    PipelineOptions options = Cli.parse(template.id(), template.description(), args.toArray(String[]::new),
        template.optionsInterface()).orElseThrow();
    return template.create(options);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamingTemplates")
  void aStreamingJobUsesNoStateRunnerV2Refuses(SalesTemplate template) throws Exception {
    Pipeline pipeline = dataflowPipeline(template);
    List<String> refused = new ArrayList<>();
    int statefulSteps = 0;
    for (Map.Entry<String, RunnerApi.PTransform> step
        : PipelineTranslation.toProto(pipeline).getComponents().getTransformsMap().entrySet()) {
      if (!PTransformTranslation.PAR_DO_TRANSFORM_URN.equals(step.getValue().getSpec().getUrn())) {
        continue;
      }
      RunnerApi.ParDoPayload payload = RunnerApi.ParDoPayload.parseFrom(step.getValue().getSpec().getPayload());
      statefulSteps += payload.getStateSpecsCount() > 0 ? 1 : 0;
      payload.getStateSpecsMap().forEach((name, spec) -> {
        if (spec.hasMapSpec() || spec.hasSetSpec() || spec.hasMultimapSpec()) {
          refused.add(step.getValue().getUniqueName() + " state '" + name + "'");
        }
      });
    }
    if (template == SalesTemplate.STREAM_CLEAN) {
      assertFalse(statefulSteps == 0, "the check sees the stateful steps (dedupe, KPIs)");
    }
    assertEquals(List.of(), refused);
  }

  /**
   * Every element a streaming job passes between steps is encoded by a coder of its own, not by
   * Java serialization (several times the bytes and the CPU, and brittle across releases).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("streamingTemplates")
  void aStreamingJobEncodesNoElementWithJavaSerialization(SalesTemplate template) {
    List<String> serialized = new ArrayList<>();
    dataflowPipeline(template).traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitValue(org.apache.beam.sdk.values.PValue value, org.apache.beam.sdk.runners.TransformHierarchy.Node producer) {
        if (value instanceof org.apache.beam.sdk.values.PCollection<?> collection && javaSerialized(collection.getCoder())) {
          serialized.add(collection.getName() + ": " + collection.getCoder());
        }
      }
    });
    assertEquals(List.of(), serialized);
  }

  /** Beam's own split sources (inside its Read) are Java-serialized by design and not ours to choose. */
  private static boolean javaSerialized(org.apache.beam.sdk.coders.Coder<?> coder) {
    return coder instanceof org.apache.beam.sdk.coders.SerializableCoder<?> serializable
            && !org.apache.beam.sdk.io.Source.class.isAssignableFrom(serializable.getRecordType())
        || coder.getCoderArguments().stream().anyMatch(DataflowStateSupportTest::javaSerialized);
  }
}
