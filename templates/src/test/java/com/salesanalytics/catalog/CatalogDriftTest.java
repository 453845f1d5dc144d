package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The checked-in catalog is exactly what the generator makes now: generated, never hand-edited. */
class CatalogDriftTest {
  private static final Path ROOT = TemplateMetadataTest.ROOT;
  private static final String HOW = "\nThe catalog is generated; regenerate it from the repository root with:\n  "
      + CatalogDocs.REGENERATE + "\n";

  @Test
  void everyGeneratedFileIsCheckedInUnchanged() throws Exception {
    for (Map.Entry<String, String> file : CatalogDocs.files().entrySet()) {
      Path path = ROOT.resolve(file.getKey());
      assertTrue(Files.exists(path), file.getKey() + " is missing." + HOW);
      assertEquals(file.getValue(), Files.readString(path), file.getKey() + " differs from the generator's output." + HOW);
    }
  }

  @Test
  void noFileIsLeftOverFromARemovedTemplate() throws Exception {
    Set<String> generated = CatalogDocs.files().keySet();
    for (String dir : new String[] {"metadata", "docs/templates"}) {
      try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
        Set<String> stray = files.map(p -> dir + "/" + p.getFileName()).filter(f -> !generated.contains(f))
            .collect(Collectors.toSet());
        assertEquals(Set.of(), stray, "files no template generates." + HOW);
      }
    }
  }
}
