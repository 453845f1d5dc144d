package com.salesanalytics.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesanalytics.NodeScript;
import java.nio.file.Path;
import java.util.List;

/** Workflow and Cloud Build files parsed by .github/validation/check.mjs (GitHub's parser; YAML). */
final class Pipelines {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private Pipelines() {}

  /** {"file": {"errors": [...], "workflow": ..., "yaml": ...}} for files relative to the repository root. */
  static JsonNode parse(String... files) {
    return NodeScript.run(ROOT, ".github/validation/check.mjs", List.of(files));
  }
}
