package com.salesanalytics.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import com.salesanalytics.NodeScript;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The Terraform module as data: every .tf file parsed by HashiCorp's HCL2 parser (npm
 * {@code @cdktf/hcl2json}, run with node), and the google provider schema extracted from the
 * provider's published metadata (terraform/validation/provider-schema.json.gz).
 */
final class Terraform {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Path MODULE = ROOT.resolve("terraform");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode module;
  private static JsonNode schema;

  private Terraform() {}

  /** A resource or data block: where it is and what it says. */
  record Block(String file, String kind, String type, String name, JsonNode body) {
    String where() {
      return file + ": " + (kind.equals("data") ? "data." : "") + type + "." + name;
    }

    String text(String attribute) {
      JsonNode value = body.get(attribute);
      return value == null ? null : value.isValueNode() ? value.asText() : value.toString();
    }
  }

  static synchronized JsonNode module() {
    if (module == null) {
      try (Stream<Path> files = Files.list(MODULE)) {
        module = parse(files.filter(p -> p.toString().endsWith(".tf")).sorted().toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return module;
  }

  /** {"file": parsed HCL, ...}; fails with the parser's message when a file is not valid HCL2. */
  static JsonNode parse(List<Path> files) {
    return NodeScript.run(MODULE, MODULE.resolve("validation/hcl2json.mjs").toString(),
        files.stream().map(Path::toString).toList());
  }

  static synchronized JsonNode schema() {
    if (schema == null) {
      try (var in = new GZIPInputStream(Files.newInputStream(MODULE.resolve("validation/provider-schema.json.gz")))) {
        schema = JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  /** Every resource (kind "resource") or data source (kind "data") block in the parsed files. */
  static List<Block> blocks(JsonNode files, String kind) {
    List<Block> blocks = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> f = files.fields(); f.hasNext(); ) {
      Map.Entry<String, JsonNode> file = f.next();
      JsonNode section = file.getValue().get(kind);
      if (section == null) {
        continue;
      }
      section.fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(named -> {
        for (JsonNode body : named.getValue()) {
          blocks.add(new Block(Path.of(file.getKey()).getFileName().toString(), kind, type.getKey(), named.getKey(), body));
        }
      }));
    }
    return blocks;
  }

  static List<Block> resources(String type) {
    return blocks(module(), "resource").stream().filter(b -> b.type().equals(type)).toList();
  }

  /** The value of {@code locals { name = ... }} across the module. */
  static JsonNode local(String name) {
    for (JsonNode file : module()) {
      JsonNode locals = file.get("locals");
      if (locals != null) {
        for (JsonNode block : locals) {
          if (block.has(name)) {
            return block.get(name);
          }
        }
      }
    }
    throw new AssertionError("no local." + name);
  }
}
