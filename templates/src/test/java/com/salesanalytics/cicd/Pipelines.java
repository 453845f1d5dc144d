package com.salesanalytics.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Workflow and Cloud Build files parsed by .github/validation/check.mjs (GitHub's parser; YAML). */
final class Pipelines {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Pipelines() {}

  /** {"file": {"errors": [...], "workflow": ..., "yaml": ...}} for files relative to the repository root. */
  static JsonNode parse(String... files) {
    List<String> command = new ArrayList<>(List.of("node", ".github/validation/check.mjs"));
    command.addAll(List.of(files));
    try {
      Process node = new ProcessBuilder(command).directory(ROOT.toFile()).start();
      byte[] out = node.getInputStream().readAllBytes();
      String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (node.waitFor() != 0) {
        throw new AssertionError("workflow checker failed: " + err);
      }
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node (.github/validation needs node and `npm ci`)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
