package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image Jib builds for one template (in `mvn verify`, on an empty base since the Dataflow
 * launcher base cannot be pulled here): its config and its layers, read from the tarball.
 */
class ImageTarballTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode manifest;
  private static JsonNode config;
  private static Set<String> files;
  private static String templateId;

  @BeforeAll
  static void readTarball() throws IOException {
    Path tarball = Path.of(System.getProperty("offline.image.tar"));
    templateId = System.getProperty("template.id");
    Map<String, byte[]> entries = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.getName().endsWith(".json")) {
          entries.put(entry.getName(), tar.readAllBytes());
        } else {
          entries.put(entry.getName(), null);
        }
      }
    }
    manifest = JSON.readTree(entries.get("manifest.json")).get(0);
    config = JSON.readTree(entries.get(manifest.get("Config").asText()));
    Set<String> paths = new HashSet<>();
    ImageLayers.forEachEntry(tarball, (path, entry, content) -> paths.add(path));
    files = paths;
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    config.get("config").get("Env").forEach(e -> {
      String[] kv = e.asText().split("=", 2);
      env.put(kv[0], kv[1]);
    });
    return env;
  }

  @Test
  void theImageIsNamedForItsTemplate() {
    assertEquals("sales-templates/" + templateId + ":offline", manifest.get("RepoTags").get(0).asText());
    assertEquals(templateId, config.get("config").get("Labels").get("org.opencontainers.image.title").asText());
  }

  @Test
  void theLauncherRunsTheTemplatesMainClassFromTheCatalog() {
    assertEquals(SalesTemplate.byId(templateId).mainClass().getName(), env().get("FLEX_TEMPLATE_JAVA_MAIN_CLASS"));
    assertEquals(System.getProperty("template.mainClass"), env().get("FLEX_TEMPLATE_JAVA_MAIN_CLASS"));
  }

  @Test
  void theClasspathCoversClassesResourcesAndEveryLibrary() {
    assertEquals(List.of("/app/resources", "/app/classes", "/app/libs/*"),
        List.of(env().get("FLEX_TEMPLATE_JAVA_CLASSPATH").split(":")));
  }

  @Test
  void theEntrypointIsLeftToTheLauncherBase() {
    assertFalse(config.get("config").has("Entrypoint") && !config.get("config").get("Entrypoint").isNull(),
        "the image must inherit the Flex Template launcher's entrypoint, not set its own");
    assertFalse(config.get("config").has("Cmd") && !config.get("config").get("Cmd").isNull());
  }

  @Test
  void theLayersHoldTheAppsClassesSchemasAndLibraries() {
    String main = SalesTemplate.byId(templateId).mainClass().getName().replace('.', '/') + ".class";
    for (String expected : List.of("app/classes/" + main, "app/classes/com/salesanalytics/catalog/SalesTemplate.class",
        "app/resources/bigquery/sales_cleaned.json", "app/resources/sales-logging.properties",
        "app/libs/beam-sdks-java-core-2.73.0.jar", "app/libs/beam-runners-google-cloud-dataflow-java-2.73.0.jar",
        "app/libs/beam-sdks-java-io-google-cloud-platform-2.73.0.jar")) {
      assertTrue(files.contains(expected), expected + " missing from the image");
    }
    assertTrue(files.stream().filter(f -> f.startsWith("app/libs/") && f.endsWith(".jar")).count() > 100);
    assertFalse(files.stream().anyMatch(f -> f.contains("junit")), "test libraries must not ship");
  }


}
