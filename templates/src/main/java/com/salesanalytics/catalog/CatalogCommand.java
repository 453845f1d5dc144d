package com.salesanalytics.catalog;

import com.salesanalytics.catalog.TemplateParameters.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code catalog}: the templates in the terminal, and the generated files.
 *
 * <pre>
 * catalog                         list the templates
 * catalog --tsv                   id, main class and mode per template, tab-separated, for scripts
 * catalog TEMPLATE                one template's parameters
 * catalog --write [--root=DIR]    regenerate metadata/, docs/catalog.*, docs/templates/ (run from the repo root)
 * catalog --specs=DIR --imageRepository=REGION-docker.pkg.dev/PROJECT/REPOSITORY --version=V --digests=DIGESTS
 *                                 write every template's Flex Template spec file to DIR/TEMPLATE.json,
 *                                 its image pinned to the digest Jib wrote to DIGESTS/TEMPLATE
 * </pre>
 */
public final class CatalogCommand {
  private CatalogCommand() {}

  public static void execute(String[] args) {
    Map<String, String> options = new HashMap<>();
    String template = null;
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println(usage());
        return;
      }
      if (arg.startsWith("--")) {
        int equals = arg.indexOf('=');
        options.put(equals > 0 ? arg.substring(2, equals) : arg.substring(2), equals > 0 ? arg.substring(equals + 1) : "");
      } else {
        template = arg;
      }
    }
    for (String name : options.keySet()) {
      if (!java.util.Set.of("write", "root", "specs", "imageRepository", "version", "digests", "tsv").contains(name)) {
        throw new IllegalArgumentException("--" + name + ": not an option of catalog; see catalog --help");
      }
    }
    if (options.containsKey("write")) {
      write(Path.of(options.getOrDefault("root", ".")));
    } else if (options.containsKey("specs")) {
      writeSpecs(Path.of(options.get("specs")), required(options, "imageRepository"), required(options, "version"),
          Path.of(required(options, "digests")));
    } else if (options.containsKey("tsv")) {
      System.out.print(tsv());
    } else if (template != null) {
      System.out.print(parameters(SalesTemplate.byId(template)));
    } else {
      System.out.print(list());
    }
  }

  static String usage() {
    return """
        Usage: java -jar sales-analytics.jar catalog [TEMPLATE | --write [--root=DIR] | --specs=DIR --imageRepository=R --version=V --digests=D]
          (no argument)   list the templates
          --tsv           one line per template for scripts: id, main class, streaming|batch
          TEMPLATE        print one template's parameters
          --write         regenerate metadata/*.json, docs/catalog.md, docs/catalog.json, docs/templates/*.md
          --specs=DIR     write each template's Flex Template spec file to DIR, its image pinned by digest
                          (REPOSITORY/TEMPLATE@sha256:...) to what Jib wrote to D/TEMPLATE (-Djib.outputPaths.digest)""";
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + ": missing; --specs needs --imageRepository, --version and --digests");
    }
    return value;
  }

  /** One line per template, for scripts: id, main class, streaming or batch, tab-separated. */
  static String tsv() {
    StringBuilder out = new StringBuilder();
    for (SalesTemplate t : SalesTemplate.values()) {
      out.append(t.id()).append('\t').append(t.mainClass().getName()).append('\t')
          .append(t.streaming() ? "streaming" : "batch").append('\n');
    }
    return out.toString();
  }

  static String list() {
    StringBuilder out = new StringBuilder(String.format("%-20s %-10s %s%n", "TEMPLATE", "MODE", "WHAT IT DOES"));
    for (SalesTemplate t : SalesTemplate.values()) {
      out.append(String.format("%-20s %-10s %s%n", t.id(), t.streaming() ? "streaming" : "batch", t.description()));
    }
    return out.toString();
  }

  static String parameters(SalesTemplate template) {
    StringBuilder out = new StringBuilder(template.displayName() + " (" + template.id() + ", "
        + (template.streaming() ? "streaming" : "batch") + ")\n" + template.description() + "\n\n");
    out.append(String.format("%-22s %-9s %-14s %-20s %s%n", "PARAMETER", "REQUIRED", "DEFAULT", "TYPE", "EXAMPLE"));
    for (Parameter p : TemplateParameters.of(template.optionsInterface())) {
      out.append(String.format("%-22s %-9s %-14s %-20s %s%n", p.name(), p.required() ? "yes" : "no",
          p.defaultValue() == null ? "" : p.defaultValue(), p.spec().type().name(), p.spec().example()));
    }
    return out.toString();
  }

  static void write(Path root) {
    if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("templates"))) {
      throw new IllegalArgumentException("--root: " + root.toAbsolutePath() + " is not the repository root"
          + " (no pom.xml and templates/); run from the root or pass --root=DIR");
    }
    try {
      for (Map.Entry<String, String> file : CatalogDocs.files().entrySet()) {
        Path path = root.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file.getKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeSpecs(Path dir, String imageRepository, String version, Path digests) {
    // Every digest is read and checked before the first spec file is written: no half release.
    Map<SalesTemplate, String> images = new java.util.EnumMap<>(SalesTemplate.class);
    for (SalesTemplate t : SalesTemplate.values()) {
      images.put(t, ContainerSpecs.pinnedImage(imageRepository, t, digest(digests, t)));
    }
    try {
      Files.createDirectories(dir);
      for (SalesTemplate t : SalesTemplate.values()) {
        Path spec = dir.resolve(t.id() + ".json");
        Files.writeString(spec, ContainerSpecs.json(t, images.get(t), version));
        System.out.println("wrote " + spec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The digest Jib wrote for a template's pushed image ({@code -Djib.outputPaths.digest=DIGESTS/TEMPLATE}). */
  private static String digest(Path digests, SalesTemplate template) {
    Path file = digests.resolve(template.id());
    String digest;
    try {
      digest = Files.readString(file).trim();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("--digests: no digest for " + template.id() + " (expected " + file
          + ", written by jib:build with -Djib.outputPaths.digest)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!ContainerSpecs.isImageDigest(digest)) {
      String shown = digest.replaceAll("\\s+", " ");
      throw new IllegalArgumentException("--digests: " + file + " for " + template.id() + " holds '"
          + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + "', not an image digest (sha256: and 64 hex digits)");
    }
    return digest;
  }
}
