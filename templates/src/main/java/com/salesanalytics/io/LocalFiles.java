package com.salesanalytics.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks of the local files an option names, made before a pipeline runs, so that a path that
 * cannot work is one line naming the option ({@code --name: problem}, an
 * {@link IllegalArgumentException}) instead of a failed or, worse, an empty run. Paths with a
 * scheme (gs://) are left to the run: checking them here would need the cloud's credentials and
 * options before the pipeline has them, and the run reports them in one line too.
 */
public final class LocalFiles {
  private static final Pattern WITH_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");

  private LocalFiles() {}

  /**
   * Refuses a local file pattern that matches no file: none at all, or only directories (which
   * Beam's FileIO skips, so the run would read nothing and report success).
   */
  public static void checkMatchesFiles(String option, String pattern) {
    if (WITH_SCHEME.matcher(pattern).matches()) {
      return;
    }
    MatchResult match;
    List<MatchResult.Metadata> found;
    try {
      // The same matching as the run's FileIO.match (Beam's local file system, its globs).
      match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
      found = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
    } catch (IOException e) {
      throw invalid(option, "cannot read " + pattern + ": " + e.getMessage());
    }
    if (found.stream().anyMatch(file -> !file.resourceId().isDirectory())) {
      return;
    }
    if (!found.isEmpty()) {
      throw invalid(option, pattern + " is a directory: give the files in it, e.g. "
          + Path.of(pattern).resolve("*.jsonl"));
    }
    throw invalid(option, "no file matches " + pattern);
  }

  /**
   * Refuses a local file that cannot be written: a directory, one under a file, or one in a
   * directory where nothing can be created (checked by creating and deleting a file there, since
   * permission bits tell nothing to root). Missing directories are fine: the writer creates them.
   */
  public static void checkWritableFile(String option, String file) {
    if (WITH_SCHEME.matcher(file).matches()) {
      return;
    }
    Path path = Path.of(file).toAbsolutePath().normalize();
    if (Files.isDirectory(path)) {
      throw invalid(option, path + " is a directory; name a file in it, e.g. " + path.resolve("events.jsonl"));
    }
    Path existing = path.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw invalid(option, existing + " is not a directory");
    }
    try {
      Files.delete(Files.createTempFile(existing, ".write-check-", ".tmp"));
    } catch (IOException | UnsupportedOperationException e) {
      throw invalid(option, "cannot create " + path + ": " + e.getMessage());
    }
  }

  private static IllegalArgumentException invalid(String option, String problem) {
    return new IllegalArgumentException("--" + option + ": " + problem);
  }
}
