package com.salesanalytics.catalog;

import com.google.dataflow.v1beta3.ContainerSpec;
import com.google.dataflow.v1beta3.FlexTemplateRuntimeEnvironment;
import com.google.dataflow.v1beta3.SDKInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.regex.Pattern;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * The Flex Template spec file of a template: what {@code gcloud dataflow flex-template build}
 * would upload (image, SDK, metadata, default environment), so a release can copy it to GCS itself.
 */
public final class ContainerSpecs {
  private ContainerSpecs() {}

  /** An image digest as Jib records it: the algorithm and 64 lower-case hex digits. */
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** Where a template's image lives: {@code REGION-docker.pkg.dev/PROJECT/REPOSITORY/<id>:<version>}. */
  public static String image(String imageRepository, SalesTemplate template, String version) {
    return imageRepository + "/" + template.id() + ":" + version;
  }

  /**
   * The one image a release's spec file runs: {@code REPOSITORY/<id>@sha256:...}. A tag can be
   * moved to another image later; a digest names these exact bytes, so a job launched from the
   * spec file next year runs what was tested and released.
   */
  public static String pinnedImage(String imageRepository, SalesTemplate template, String digest) {
    if (!isImageDigest(digest)) {
      throw new IllegalArgumentException("not an image digest (sha256: and 64 hex digits): '" + digest + "'");
    }
    return imageRepository + "/" + template.id() + "@" + digest;
  }

  public static boolean isImageDigest(String digest) {
    return DIGEST.matcher(digest).matches();
  }

  /** Where a release puts a template's spec file in the spec bucket. */
  public static String specPath(String bucket, SalesTemplate template, String version) {
    return "gs://" + bucket + "/templates/" + version + "/" + template.id() + ".json";
  }

  public static ContainerSpec of(SalesTemplate template, String image, String version) {
    FlexTemplateRuntimeEnvironment.Builder environment = FlexTemplateRuntimeEnvironment.newBuilder()
        .putAdditionalUserLabels("template", template.id())
        .putAdditionalUserLabels("template-version", versionLabel(version));
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
  static String versionLabel(String version) {
    return version.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
  }

  public static String json(SalesTemplate template, String image, String version) {
    try {
      return JsonFormat.printer().print(of(template, image, version)) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a container spec always prints", e);
    }
  }
}
