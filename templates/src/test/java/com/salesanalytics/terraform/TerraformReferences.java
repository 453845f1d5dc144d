package com.salesanalytics.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a piece of the parsed Terraform refers to, directly or through the locals and resources it
 * names: the graph Terraform orders an apply by, and the inputs a value changes with.
 */
final class TerraformReferences {
  private static final Pattern REFERENCE = Pattern.compile(
      "\\b(var|local|google_[a-z0-9_]+)\\.([A-Za-z0-9_]+)");

  private TerraformReferences() {}

  /** {@code var.x}, {@code local.y} and {@code type.name} reachable from a value, following locals and resources. */
  static Set<String> reachableFrom(JsonNode value) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> texts = new ArrayDeque<>(List.of(value.toString()));
    while (!texts.isEmpty()) {
      for (Matcher m = REFERENCE.matcher(texts.pop()); m.find(); ) {
        String address = m.group(1) + "." + m.group(2);
        if (!seen.add(address)) {
          continue;
        }
        if (m.group(1).equals("local")) {
          texts.push(Terraform.local(m.group(2)).toString());
        } else if (!m.group(1).equals("var")) {
          resource(m.group(1), m.group(2)).forEach(block -> texts.push(block.body().toString()));
        }
      }
    }
    return seen;
  }

  /** Everything a resource block waits for or reads: its depends_on, references, and theirs. */
  static Set<String> reachableFrom(Terraform.Block block) {
    return reachableFrom(block.body());
  }

  private static List<Terraform.Block> resource(String type, String name) {
    return Terraform.resources(type).stream().filter(b -> b.name().equals(name)).toList();
  }
}
