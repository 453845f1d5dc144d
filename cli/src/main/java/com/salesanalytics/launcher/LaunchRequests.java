package com.salesanalytics.launcher;

import com.google.dataflow.v1beta3.FlexTemplateRuntimeEnvironment;
import com.google.dataflow.v1beta3.LaunchFlexTemplateParameter;
import com.google.dataflow.v1beta3.LaunchFlexTemplateRequest;
import com.google.dataflow.v1beta3.StreamingMode;
import com.google.dataflow.v1beta3.WorkerIPAddressConfiguration;
import com.salesanalytics.catalog.ContainerSpecs;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The flexTemplates:launch request for a launch, and the checks that keep a bad one from ever
 * reaching Google Cloud: the same rules as the template's metadata (names, required, regexes).
 */
public final class LaunchRequests {
  private LaunchRequests() {}

  /** One line per problem, naming the parameter; empty when the parameters are acceptable. */
  public static List<String> problems(SalesTemplate template, Map<String, String> given) {
    List<TemplateParameters.Parameter> parameters = TemplateParameters.of(template.optionsInterface());
    Set<String> known = parameters.stream().map(TemplateParameters.Parameter::name).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    given.keySet().stream().sorted().filter(name -> !known.contains(name)).forEach(name -> problems.add(
        "--param " + name + ": " + template.id() + " has no such parameter; it takes " + String.join(", ",
            parameters.stream().map(TemplateParameters.Parameter::name).toList())));
    for (TemplateParameters.Parameter p : parameters) {
      String value = given.get(p.name());
      if (value == null) {
        if (p.required()) {
          problems.add("--param " + p.name() + ": required by " + template.id() + " (" + p.spec().label()
              + ", e.g. " + p.spec().example() + ")");
        }
      } else if (!p.accepts(value)) {
        problems.add("--param " + p.name() + ": '" + value + "' is not a valid " + p.spec().label().toLowerCase()
            + (p.enumValues().isEmpty() ? " (e.g. " + p.spec().example() + ")" : " (one of "
                + String.join(", ", p.enumValues()) + ")"));
      }
    }
    return problems;
  }

  public static LaunchFlexTemplateRequest build(LaunchSpec spec) {
    FlexTemplateRuntimeEnvironment.Builder environment = FlexTemplateRuntimeEnvironment.newBuilder()
        .putAllAdditionalUserLabels(spec.labels())
        .putAdditionalUserLabels("template", spec.template().id());
    if (spec.serviceAccount() != null) {
      environment.setServiceAccountEmail(spec.serviceAccount());
    }
    if (spec.tempLocation() != null) {
      environment.setTempLocation(spec.tempLocation());
    }
    if (spec.stagingLocation() != null) {
      environment.setStagingLocation(spec.stagingLocation());
    }
    if (spec.maxWorkers() != null) {
      environment.setMaxWorkers(spec.maxWorkers());
    }
    if (spec.subnetwork() != null) {
      environment.setSubnetwork(spec.subnetwork());
    }
    if (spec.kmsKeyName() != null) {
      environment.setKmsKeyName(spec.kmsKeyName());
    }
    environment.setIpConfiguration(spec.publicIps()
        ? WorkerIPAddressConfiguration.WORKER_IP_PUBLIC : WorkerIPAddressConfiguration.WORKER_IP_PRIVATE);
    if (spec.template().streaming()) {
      environment.setEnableStreamingEngine(true);
      if (spec.streamingMode() != null) {
        environment.setStreamingMode(StreamingMode.valueOf("STREAMING_MODE_" + spec.streamingMode()));
      }
    }
    return LaunchFlexTemplateRequest.newBuilder()
        .setProjectId(spec.project())
        .setLocation(spec.region())
        .setLaunchParameter(LaunchFlexTemplateParameter.newBuilder()
            .setJobName(spec.jobName())
            .setContainerSpecGcsPath(ContainerSpecs.specPath(spec.specBucket(), spec.template(), spec.version()))
            .putAllParameters(spec.parameters())
            .setEnvironment(environment)
            .setUpdate(spec.update()))
        .build();
  }
}
