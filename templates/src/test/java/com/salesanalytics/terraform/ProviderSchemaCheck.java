package com.salesanalytics.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What `terraform validate` would say about names and shapes, from the provider schema alone:
 * unknown resource or data source types, unknown arguments and blocks (with the nearest valid
 * name), and missing required arguments and blocks.
 */
final class ProviderSchemaCheck {
  /** Allowed in every resource and data block whatever the provider. */
  private static final Set<String> META_ARGUMENTS =
      Set.of("count", "for_each", "provider", "depends_on", "lifecycle", "connection", "provisioner");

  private ProviderSchemaCheck() {}

  static List<String> problems(JsonNode files, JsonNode schema) {
    List<String> problems = new ArrayList<>();
    for (String kind : List.of("resource", "data")) {
      for (Terraform.Block block : Terraform.blocks(files, kind)) {
        String provider = "${google-beta}".equals(block.text("provider")) ? "google-beta" : "google";
        JsonNode providerSchema = schema.get("providers").get(provider);
        JsonNode type = providerSchema.get(kind).get(block.type());
        if (type == null) {
          String other = provider.equals("google") ? "google-beta" : "google";
          String hint = schema.get("providers").get(other).get(kind).has(block.type())
              ? " (it is in the " + other + " provider: set provider = " + other + ")"
              : nearest(block.type(), providerSchema.get(kind));
          problems.add(block.where() + ": no " + (kind.equals("data") ? "data source" : "resource") + " type "
              + block.type() + " in the " + provider + " provider " + providerSchema.get("version").asText() + hint);
          continue;
        }
        check(block.where(), block.body(), type, true, problems);
      }
    }
    return problems;
  }

  private static void check(String where, JsonNode body, JsonNode schema, boolean topLevel, List<String> problems) {
    JsonNode attributes = schema.get("attributes");
    JsonNode blocks = schema.get("blocks");
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (topLevel && META_ARGUMENTS.contains(name) || attributes.has(name)) {
        continue;
      }
      if (name.equals("dynamic")) {
        field.getValue().fields().forEachRemaining(dynamic -> {
          JsonNode target = blocks.get(dynamic.getKey());
          if (target == null) {
            problems.add(where + ": no block " + dynamic.getKey() + " for dynamic" + nearest(dynamic.getKey(), blocks));
          } else {
            for (JsonNode instance : dynamic.getValue()) {
              JsonNode content = instance.path("content");
              content.forEach(c -> check(where + "." + dynamic.getKey(), c, target, false, problems));
            }
          }
        });
        continue;
      }
      if (blocks.has(name)) {
        if (!field.getValue().isArray()) {
          problems.add(where + ": " + name + " is a block; write " + name + " { ... }, not " + name + " = ...");
          continue;
        }
        for (JsonNode nested : field.getValue()) {
          check(where + "." + name, nested, blocks.get(name), false, problems);
        }
        continue;
      }
      JsonNode all = attributes.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) all).setAll((com.fasterxml.jackson.databind.node.ObjectNode) blocks.deepCopy());
      problems.add(where + ": unsupported argument " + name + nearest(name, all));
    }
    attributes.fields().forEachRemaining(a -> {
      if (a.getValue().asInt() == 1 && !body.has(a.getKey())) {
        problems.add(where + ": missing required argument " + a.getKey());
      }
    });
    blocks.fields().forEachRemaining(b -> {
      if (b.getValue().path("required").asInt() == 1 && !body.has(b.getKey()) && !dynamicFor(body, b.getKey())) {
        problems.add(where + ": missing required block " + b.getKey());
      }
    });
  }

  private static boolean dynamicFor(JsonNode body, String block) {
    return body.has("dynamic") && body.get("dynamic").has(block);
  }

  /** " (did you mean x?)" for the known name closest to a misspelling, if one is close. */
  private static String nearest(String name, JsonNode known) {
    List<String> names = new ArrayList<>();
    known.fieldNames().forEachRemaining(names::add);
    return names.stream()
        .min(Comparator.comparingInt(candidate -> distance(name, candidate)))
        .filter(best -> distance(name, best) <= Math.max(2, name.length() / 4))
        .map(best -> " (did you mean " + best + "?)").orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
