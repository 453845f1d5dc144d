package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ContainerSpecsTest {
  private static final String REPOSITORY = "europe-west1-docker.pkg.dev/retail-analytics-prod/sales-templates";

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theSpecFileIsAValidContainerSpecNamingTheImageSdkAndMetadata(SalesTemplate template) throws Exception {
    String json = ContainerSpecs.json(template, ContainerSpecs.image(REPOSITORY, template, "1.4.2"));
    ContainerSpec.Builder spec = ContainerSpec.newBuilder();
    JsonFormat.parser().merge(json, spec);
    assertEquals(REPOSITORY + "/" + template.id() + ":1.4.2", spec.getImage());
    assertEquals(SDKInfo.Language.JAVA, spec.getSdkInfo().getLanguage());
    assertEquals("2.73.0", spec.getSdkInfo().getVersion());
    assertEquals(TemplateMetadataFactory.of(template), spec.getMetadata());
    assertEquals(template.streaming(), spec.getDefaultEnvironment().getEnableStreamingEngine());
    assertEquals(template.id(), spec.getDefaultEnvironment().getAdditionalUserLabelsOrThrow("template"));
    assertEquals("1_4_2", spec.getDefaultEnvironment().getAdditionalUserLabelsOrThrow("template-version"));
  }

  @Test
  void specsAreWrittenForEveryTemplate(@TempDir Path dir) throws Exception {
    CatalogCommand.writeSpecs(dir, REPOSITORY, "1.4.2");
    for (SalesTemplate template : SalesTemplate.values()) {
      ContainerSpec.Builder spec = ContainerSpec.newBuilder();
      JsonFormat.parser().merge(Files.readString(dir.resolve(template.id() + ".json")), spec);
      assertTrue(spec.getImage().endsWith("/" + template.id() + ":1.4.2"));
    }
  }

  @Test
  void specPathsAreVersionedPerTemplate() {
    assertEquals("gs://retail-analytics-prod-dataflow-templates/templates/1.4.2/sales-backfill.json",
        ContainerSpecs.specPath("retail-analytics-prod-dataflow-templates", SalesTemplate.BACKFILL, "1.4.2"));
  }
}
