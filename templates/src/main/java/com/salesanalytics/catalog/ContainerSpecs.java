package com.salesanalytics.catalog;

import com.google.dataflow.v1beta3.ContainerSpec;
import com.google.dataflow.v1beta3.FlexTemplateRuntimeEnvironment;
import com.google.dataflow.v1beta3.SDKInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * The Flex Template spec file of a template: what {@code gcloud dataflow flex-template build}
 * would upload (image, SDK, metadata, default environment), so a release can copy it to GCS itself.
 */
public final class ContainerSpecs {
  private ContainerSpecs() {}

  /** Where a template's image lives: {@code REGION-docker.pkg.dev/PROJECT/REPOSITORY/<id>:<version>}. */
  public static String image(String imageRepository, SalesTemplate template, String version) {
    return imageRepository + "/" + template.id() + ":" + version;
  }

  /** Where a release puts a template's spec file in the spec bucket. */
  public static String specPath(String bucket, SalesTemplate template, String version) {
    return "gs://" + bucket + "/templates/" + version + "/" + template.id() + ".json";
  }

  public static ContainerSpec of(SalesTemplate template, String image) {
    FlexTemplateRuntimeEnvironment.Builder environment = FlexTemplateRuntimeEnvironment.newBuilder()
        .putAdditionalUserLabels("template", template.id())
        .putAdditionalUserLabels("template-version", versionLabel(image));
    if (template.streaming()) {
      environment.setEnableStreamingEngine(true);
    }
    return ContainerSpec.newBuilder()
        .setImage(image)
        .setSdkInfo(SDKInfo.newBuilder().setLanguage(SDKInfo.Language.JAVA).setVersion(ReleaseInfo.getReleaseInfo().getSdkVersion()))
        .setMetadata(TemplateMetadataFactory.of(template))
        .setDefaultEnvironment(environment)
        .build();
  }

  /**
   * The release as a job label, so `gcloud dataflow jobs describe` and the console show which
   * release a job runs; label values allow no dots (1.4.2 becomes 1_4_2).
   */
  static String versionLabel(String image) {
    String tag = image.substring(image.lastIndexOf(':') + 1);
    return tag.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
  }

  public static String json(SalesTemplate template, String image) {
    try {
      return JsonFormat.printer().print(of(template, image)) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a container spec always prints", e);
    }
  }
}
