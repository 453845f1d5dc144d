package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.dataflow.v1beta3.ContainerSpec;
import com.google.dataflow.v1beta3.SDKInfo;
import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSpecsTest {
  private static final String REPOSITORY = "europe-west1-docker.pkg.dev/retail-analytics-prod/sales-templates";

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theSpecFileIsAValidContainerSpecNamingTheImageSdkAndMetadata(SalesTemplate template) throws Exception {
    String image = ContainerSpecs.pinnedImage(REPOSITORY, template, digestOf(template));
    ContainerSpec.Builder spec = ContainerSpec.newBuilder();
    JsonFormat.parser().merge(ContainerSpecs.json(template, image, "1.4.2"), spec);
    assertEquals(image, spec.getImage());
    assertEquals(SDKInfo.Language.JAVA, spec.getSdkInfo().getLanguage());
    assertEquals("2.73.0", spec.getSdkInfo().getVersion());
    assertEquals(TemplateMetadataFactory.of(template), spec.getMetadata());
    assertEquals(template.streaming(), spec.getDefaultEnvironment().getEnableStreamingEngine());
    assertEquals(template.id(), spec.getDefaultEnvironment().getAdditionalUserLabelsOrThrow("template"));
    assertEquals("1_4_2", spec.getDefaultEnvironment().getAdditionalUserLabelsOrThrow("template-version"));
  }

  /** What Jib writes to -Djib.outputPaths.digest for each template's pushed image. */
  private static Path jibDigests(Path dir) throws Exception {
    Path digests = Files.createDirectories(dir.resolve("digests"));
    for (SalesTemplate template : SalesTemplate.values()) {
      Files.writeString(digests.resolve(template.id()), digestOf(template));
    }
    return digests;
  }

  private static String digestOf(SalesTemplate template) {
    return "sha256:" + String.format("%064x", 0xc0ffeeL * (template.ordinal() + 1));
  }

  private static void writeSpecs(Path specs, Path digests) {
    CatalogCommand.execute(new String[] {"--specs=" + specs, "--imageRepository=" + REPOSITORY, "--version=1.4.2",
        "--digests=" + digests});
  }

  @Test
  void specFilesReferenceEachImageByTheDigestJibRecordedNotByItsMutableTag(@TempDir Path dir) throws Exception {
    Path specs = dir.resolve("specs");
    writeSpecs(specs, jibDigests(dir));
    for (SalesTemplate template : SalesTemplate.values()) {
      ContainerSpec.Builder spec = ContainerSpec.newBuilder();
      JsonFormat.parser().merge(Files.readString(specs.resolve(template.id() + ".json")), spec);
      assertEquals(REPOSITORY + "/" + template.id() + "@" + digestOf(template), spec.getImage());
      assertEquals("1_4_2", spec.getDefaultEnvironment().getAdditionalUserLabelsOrThrow("template-version"));
    }
  }

  @Test
  void aTemplateWithoutADigestFileIsRefusedWithOneLineNamingTheParameterAndNoSpecIsWritten(@TempDir Path dir)
      throws Exception {
    Path digests = jibDigests(dir);
    Files.delete(digests.resolve(SalesTemplate.BACKFILL.id()));
    Path specs = dir.resolve("specs");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> writeSpecs(specs, digests));
    assertTrue(refused.getMessage().startsWith("--digests: "), refused.getMessage());
    assertTrue(refused.getMessage().contains(SalesTemplate.BACKFILL.id()), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    assertFalse(Files.exists(specs) && Files.list(specs).findAny().isPresent(), "no spec file of a half release");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "latest", "sha256:abc", "sha256:" + "G000000000000000000000000000000000000000000000000000000000000000"})
  void aDigestFileThatHoldsNoImageDigestIsRefusedWithOneLineNamingTheParameter(String content, @TempDir Path dir)
      throws Exception {
    Path digests = jibDigests(dir);
    Files.writeString(digests.resolve(SalesTemplate.STREAM_CLEAN.id()), content);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> writeSpecs(dir.resolve("specs"), digests));
    assertTrue(refused.getMessage().startsWith("--digests: "), refused.getMessage());
    assertTrue(refused.getMessage().contains(SalesTemplate.STREAM_CLEAN.id()), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
  }

  @Test
  void specFilesWithoutDigestsAreRefused(@TempDir Path dir) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CatalogCommand.execute(
        new String[] {"--specs=" + dir, "--imageRepository=" + REPOSITORY, "--version=1.4.2"}));
    assertTrue(refused.getMessage().startsWith("--digests: "), refused.getMessage());
  }

  @Test
  void specPathsAreVersionedPerTemplate() {
    assertEquals("gs://retail-analytics-prod-dataflow-templates/templates/1.4.2/sales-backfill.json",
        ContainerSpecs.specPath("retail-analytics-prod-dataflow-templates", SalesTemplate.BACKFILL, "1.4.2"));
  }
}
