package com.salesanalytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one of the project's node checkers (installed by `npm ci` in the build) and reads its JSON. */
public final class NodeScript {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeScript() {}

  public static JsonNode run(Path workingDirectory, String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    try {
      Process node = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
      byte[] out = node.getInputStream().readAllBytes();
      String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (node.waitFor() != 0) {
        throw new AssertionError(script + " failed: " + err);
      }
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node " + script + " (needs node, and `npm ci` beside it)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
