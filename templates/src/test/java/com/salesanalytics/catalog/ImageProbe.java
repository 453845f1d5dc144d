package com.salesanalytics.catalog;

import com.salesanalytics.pipelines.Cli;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.construction.PipelineTranslation;

/**
 * Run by {@link ImageClasspathTest} in a JVM whose classpath is a template image's (plus this class):
 * does what the Flex Template launcher does up to submitting the job, for each template named —
 * checks its parameters against the metadata, parses them as Dataflow options, builds the pipeline
 * and translates it to the portable proto Dataflow receives (which serialises every DoFn and coder).
 * Prints {@code built <id> <steps>} per template; any error ends the JVM with its stack trace.
 */
public final class ImageProbe {
  private ImageProbe() {}

  public static void main(String[] templateIds) {
    for (String id : templateIds) {
      SalesTemplate template = SalesTemplate.byId(id);
      String[] args = launchArguments(template);
      TemplateLauncher.checkAgainstMetadata(template, args);
      PipelineOptions options = Cli.parse(id, template.description(), args, template.optionsInterface()).orElseThrow();
      Pipeline pipeline = template.create(options);
      int steps = PipelineTranslation.toProto(pipeline).getComponents().getTransformsCount();
      System.out.println("built " + id + " " + steps);
    }
  }

  /** The template's required parameters with their documented examples, as the launcher passes them on Dataflow. */
  private static String[] launchArguments(SalesTemplate template) {
    // Not the DataflowRunner itself: it checks its Cloud Storage locations as the pipeline is created.
    // Beam's CrashingRunner stands for any remote runner (it refuses to run, and is never asked to).
    List<String> args = new ArrayList<>(List.of("--runner=org.apache.beam.sdk.testing.CrashingRunner",
        "--project=retail-analytics-prod", "--region=europe-west1"));
    for (TemplateParameters.Parameter parameter : TemplateParameters.of(template.optionsInterface())) {
      if (parameter.required()) {
        args.add("--" + parameter.name() + "=" + parameter.spec().example());
      }
    }
    return args.toArray(String[]::new);
  }
}
