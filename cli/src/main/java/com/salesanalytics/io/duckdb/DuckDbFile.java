package com.salesanalytics.io.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code --duckdbPath} names, checked before DuckDB is asked to open it, so that a mistake is
 * one line naming the option and the file is left as it was. DuckDB's own errors are a poor guide:
 * a directory or a text file is only found out when a pipeline step first writes, after the run has
 * started, and the lock error of a file another process holds comes as a multi-line message.
 */
public final class DuckDbFile {
  static final String OPTION = "--duckdbPath";
  /**
   * A DuckDB database file starts with an 8-byte checksum and then the magic bytes "DUCK" (DuckDB's
   * storage format, MainHeader::MAGIC_BYTES). An empty file or any other content is not one.
   */
  private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
  private static final int MAGIC_OFFSET = 8;
  /** DuckDB: Could not set lock on file "F": Conflicting lock is held in /usr/bin/java (PID 1234) by user root. */
  private static final Pattern LOCK_HOLDER = Pattern.compile("held in (.+?) \\(PID (\\d+)\\)");

  private DuckDbFile() {}

  /**
   * Refuses a path a pipeline cannot write a database to: a directory, a file in a directory that
   * does not exist, under something that is not a directory, or an existing file that is not a
   * DuckDB database (which is not touched).
   */
  public static Path checkWritable(String file) {
    Path path = Path.of(file).toAbsolutePath().normalize();
    checkNotADirectory(path);
    Path parent = path.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw invalid(Files.exists(parent) ? parent + " is not a directory" : "no such directory: " + parent);
    }
    if (Files.exists(path)) {
      checkIsDuckDb(path);
    }
    return path;
  }

  /** Refuses a path that is not an existing DuckDB database, for reading. */
  public static Path checkReadable(Path path) {
    checkNotADirectory(path);
    if (!Files.isRegularFile(path)) {
      throw invalid("no such file: " + path + " (run the demo first, or give the file a pipeline wrote)");
    }
    checkIsDuckDb(path);
    return path;
  }

  /**
   * The one line for DuckDB's refusal to open a file for writing: which process holds it, if that is
   * the reason, otherwise DuckDB's first line.
   */
  static IllegalArgumentException cannotOpen(Path path, boolean existed, String duckDbMessage) {
    String message = duckDbMessage == null ? "" : duckDbMessage.strip().lines().findFirst().orElse("");
    Optional<String> holder = lockHolder(message);
    if (holder.isPresent()) {
      return invalid(path + " is in use by another process (" + holder.get() + "); stop it, or name another file");
    }
    return invalid("cannot " + (existed ? "open " : "create ") + path + ": " + message);
  }

  /** "PID 1234, /usr/bin/java" from DuckDB's lock error, if it is one. */
  static Optional<String> lockHolder(String duckDbMessage) {
    Matcher m = LOCK_HOLDER.matcher(duckDbMessage == null ? "" : duckDbMessage);
    return m.find() ? Optional.of("PID " + m.group(2) + ", " + m.group(1)) : Optional.empty();
  }

  private static void checkNotADirectory(Path path) {
    if (Files.isDirectory(path)) {
      throw invalid(path + " is a directory; name a file in it, e.g. " + path.resolve("sales.duckdb"));
    }
  }

  private static void checkIsDuckDb(Path path) {
    byte[] head = new byte[MAGIC_OFFSET + MAGIC.length];
    int read;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw invalid("cannot read " + path + ": " + e.getMessage());
    }
    if (read < head.length || !Arrays.equals(head, MAGIC_OFFSET, head.length, MAGIC, 0, MAGIC.length)) {
      throw invalid(path + " is not a DuckDB database" + (read == 0 ? " (it is empty)" : "")
          + "; it was left as it is: name a new file, or one a pipeline wrote");
    }
  }

  private static IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException(OPTION + ": " + problem);
  }
}
