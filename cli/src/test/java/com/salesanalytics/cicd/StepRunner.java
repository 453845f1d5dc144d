package com.salesanalytics.cicd;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a release step's script the way its runner would, with stub commands first on PATH.
 *
 * <ul>
 *   <li>GitHub Actions: the {@code run:} text in a file, under the shell GitHub picks for the step
 *       (step {@code shell}, else the job's then the workflow's {@code defaults.run.shell}, else its
 *       default), with GitHub's command for that shell.</li>
 *   <li>Cloud Build: the step's {@code entrypoint} and {@code args} after Cloud Build's substitutions.</li>
 * </ul>
 */
final class StepRunner {
  /**
   * GitHub's commands for its shell keywords on Linux: "unspecified: bash -e {0}", "bash: bash
   * --noprofile --norc -eo pipefail {0}", "sh: sh -e {0}"
   * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsshell).
   */
  private static final Map<String, String> GITHUB_SHELLS = Map.of(
      "", "bash -e {0}",
      "bash", "bash --noprofile --norc -eo pipefail {0}",
      "sh", "sh -e {0}");

  /**
   * Built-in substitutions; in a build that has no value for one (a manual {@code gcloud builds
   * submit} has no commit), Cloud Build replaces it with an empty string
   * (https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values).
   */
  private static final Set<String> BUILT_INS = Set.of("PROJECT_ID", "BUILD_ID", "PROJECT_NUMBER", "LOCATION",
      "TRIGGER_NAME", "COMMIT_SHA", "REVISION_ID", "SHORT_SHA", "REPO_NAME", "REPO_FULL_NAME", "BRANCH_NAME",
      "TAG_NAME", "REF_NAME", "TRIGGER_BUILD_CONFIG_PATH", "SERVICE_ACCOUNT_EMAIL", "SERVICE_ACCOUNT");

  /** {@code $$}, {@code ${KEY}} or {@code $KEY}: the template syntax of Cloud Build (and of its local emulator, subst.go). */
  private static final Pattern TEMPLATE = Pattern.compile("\\$\\$|\\$\\{([A-Z_][A-Z0-9_]*)}|\\$([A-Z_][A-Z0-9_]*)");

  private StepRunner() {}

  /** What a step printed and how it ended, with every stub call (one line each: command and arguments). */
  record Result(int exitCode, String output, List<String> calls) {
    List<String> callsOf(String command) {
      return calls.stream().filter(c -> c.startsWith(command + " ")).toList();
    }
  }

  /** A scratch checkout: the step's working directory, with a bin/ of stubs beside it. */
  record Workspace(Path root, Path bin, Path log) {
    static Workspace in(Path dir) {
      try {
        Path root = Files.createDirectories(dir.resolve("workspace"));
        Path bin = Files.createDirectories(dir.resolve("stubs"));
        return new Workspace(root, bin, dir.resolve("calls.log"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A stub command: records its arguments, then runs {@code body} (bash) with them. */
    Workspace stub(String command, String body) {
      Path script = bin.resolve(command);
      String text = "#!/usr/bin/env bash\nprintf '%s\\n' \"" + command + " $*\" >> '" + log + "'\n" + body + "\n";
      try {
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }

  /** The command GitHub runs for a {@code run:} step of a job, with the script written to a file. */
  static List<String> githubCommand(JsonNode workflow, String job, String stepName, Path scriptDir) {
    JsonNode jobNode = workflow.get("jobs").get(job);
    JsonNode step = null;
    for (JsonNode s : jobNode.get("steps")) {
      if (stepName.equals(s.path("name").asText())) {
        step = s;
      }
    }
    if (step == null || !step.has("run")) {
      throw new AssertionError("no run step named '" + stepName + "' in job " + job);
    }
    String run = step.get("run").asText();
    if (run.contains("${{")) {
      throw new AssertionError("'" + stepName + "' has a ${{ }} expression in its script; pass values through env:");
    }
    String template = shellTemplate(githubShell(workflow, jobNode, step));
    try {
      Path script = Files.writeString(scriptDir.resolve("step.sh"), run);
      List<String> command = new ArrayList<>();
      for (String word : template.split(" ")) {
        command.add(word.replace("{0}", script.toString()));
      }
      return command;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code shell} GitHub uses for a step: its own, else the job's default, else the workflow's, else "". */
  static String githubShell(JsonNode workflow, JsonNode job, JsonNode step) {
    for (JsonNode candidate : List.of(step.path("shell"), job.path("defaults").path("run").path("shell"),
        workflow.path("defaults").path("run").path("shell"))) {
      if (candidate.isTextual()) {
        return candidate.asText();
      }
    }
    return "";
  }

  /** GitHub's command for a shell keyword; a custom shell is its own template. */
  static String shellTemplate(String shell) {
    return GITHUB_SHELLS.getOrDefault(shell, shell);
  }

  /**
   * A Cloud Build step's command after substitution: built-ins from {@code builtIns} (missing ones
   * empty, as in a manual build), user substitutions from the file's defaults overridden by
   * {@code overrides}. A key that is neither built in nor defined fails, as Cloud Build rejects it.
   */
  static List<String> cloudBuildCommand(JsonNode build, String stepId, Map<String, String> builtIns,
      Map<String, String> overrides) {
    if (!builtIns.containsKey("PROJECT_ID")) {
      throw new IllegalArgumentException("PROJECT_ID is provided for every build: pass it");
    }
    Map<String, String> values = new HashMap<>(builtIns);
    Map<String, String> user = new HashMap<>();
    build.path("substitutions").fields().forEachRemaining(f -> user.put(f.getKey(), f.getValue().asText()));
    user.putAll(overrides);
    // dynamicSubstitutions: a substitution's value may itself use built-ins (e.g. ${PROJECT_ID}-...).
    user.forEach((key, value) -> values.put(key, substitute(value, builtIns)));
    for (JsonNode step : build.get("steps")) {
      if (stepId.equals(step.path("id").asText())) {
        List<String> command = new ArrayList<>();
        if (step.has("entrypoint")) {
          command.add(substitute(step.get("entrypoint").asText(), values));
        }
        step.path("args").forEach(a -> command.add(substitute(a.asText(), values)));
        return command;
      }
    }
    throw new AssertionError("no step " + stepId);
  }

  static String substitute(String text, Map<String, String> values) {
    Matcher m = TEMPLATE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1) != null ? m.group(1) : m.group(2);
      String value;
      if (key == null) {
        value = "$";
      } else if (values.containsKey(key)) {
        value = values.get(key);
      } else if (BUILT_INS.contains(key)) {
        value = "";
      } else if (key.startsWith("_")) {
        throw new AssertionError("key in the template \"" + key + "\" is not matched in the substitution data");
      } else {
        throw new AssertionError("key in the template \"" + key + "\" is not a valid built-in substitution");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Runs a command in the workspace with the stubs first on PATH and {@code env} added. */
  static Result run(Workspace workspace, List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.root().toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("PATH", workspace.bin() + ":" + System.getenv("PATH"));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("step did not finish: " + output);
      }
      List<String> calls = Files.exists(workspace.log()) ? Files.readAllLines(workspace.log()) : List.of();
      return new Result(process.exitValue(), output, calls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stub {@code java} that runs the real catalog (this test's classes) for {@code java -jar JAR
   * catalog ...}, so a step's catalog call behaves as the released jar's would.
   */
  static String realCatalogJava() {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return "[ \"$1\" = -jar ] || { echo \"stub java expects -jar JAR COMMAND\" >&2; exit 99; }\n"
        + "shift 2\n"
        + "exec '" + javaBin + "' -cp '" + classpath + "' com.salesanalytics.Main \"$@\"";
  }
}
