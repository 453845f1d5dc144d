package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template image holds only what Dataflow runs (no DuckDB, no DirectRunner), so what it holds
 * must be enough: every template is launched as the Flex Template launcher would, from the image's
 * own files — its parameters checked, its pipeline built and translated for Dataflow — in a JVM
 * whose classpath is the image's {@code FLEX_TEMPLATE_JAVA_CLASSPATH} and nothing of this build.
 */
class ImageClasspathTest {
  @TempDir
  static Path root;

  @BeforeAll
  static void unpackTheImage() throws IOException {
    ImageLayers.forEachEntry(Path.of(System.getProperty("offline.image.tar")), (path, entry, content) -> {
      Path target = root.resolve(path).normalize();
      if (!target.startsWith(root)) {
        throw new IOException("layer entry outside the image root: " + entry.getName());
      }
      if (entry.isDirectory()) {
        Files.createDirectories(target);
      } else if (entry.isFile()) {
        Files.createDirectories(target.getParent());
        Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
      }
    });
  }

  @Test
  void everyTemplateBuildsAndTranslatesForDataflowFromTheImageAlone() throws Exception {
    String[] ids = Arrays.stream(SalesTemplate.values()).map(SalesTemplate::id).toArray(String[]::new);
    Run run = probe(ids);
    assertEquals(0, run.status(), "a template failed to build from the image's classpath:\n" + run.output());
    for (String id : ids) {
      assertTrue(run.output().lines().anyMatch(line -> line.matches("built " + id + " [1-9][0-9]*")),
          id + " was not built:\n" + run.output());
    }
  }

  @Test
  void theImageHoldsNoEmbeddedWarehouseNorLocalRunner() {
    try (var libs = Files.list(root.resolve("app/libs"))) {
      List<String> jars = libs.map(p -> p.getFileName().toString()).toList();
      assertTrue(jars.stream().anyMatch(j -> j.startsWith("beam-runners-google-cloud-dataflow-java-")), "Dataflow runner missing");
      for (String localOnly : List.of("duckdb_jdbc-", "beam-runners-direct-java-", "google-cloud-dataflow-0",
          "grpc-google-cloud-dataflow-")) {
        assertTrue(jars.stream().noneMatch(j -> j.startsWith(localOnly)), localOnly + "* must not be in the image: " + jars);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    for (String localCode : List.of("com/salesanalytics/Main.class", "com/salesanalytics/io/duckdb",
        "com/salesanalytics/local", "com/salesanalytics/launcher")) {
      assertTrue(Files.notExists(root.resolve("app/classes").resolve(localCode)), localCode + " must not be in the image");
    }
  }

  private record Run(int status, String output) {}

  private static Run probe(String... templateIds) throws Exception {
    Path testClasses = Path.of(ImageProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classpath = String.join(java.io.File.pathSeparator, root.resolve("app/resources").toString(),
        root.resolve("app/classes").toString(), root.resolve("app/libs") + "/*", testClasses.toString());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, ImageProbe.class.getName()));
    command.addAll(List.of(templateIds));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    return new Run(process.exitValue(), output);
  }
}
