package com.salesanalytics.io;

import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Map;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Reads JSON-lines files (local or gs://, globs allowed) as messages: one line, one message, its
 * bytes untouched (so a line that is not UTF-8 still reaches the raw table). The message id is
 * {@code <file path>:<line number>} (the whole path: rows are keyed by message id, so two files of
 * the same name in different folders must not collide) and the publish time is the file's
 * modification time.
 * Blank lines separate nothing and are skipped.
 */
public final class JsonLinesSource extends PTransform<PBegin, PCollection<RawMessage>> {
  private final String filePattern;

  public JsonLinesSource(String filePattern) {
    this.filePattern = filePattern;
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    return begin
        .apply("MatchFiles", FileIO.match().filepattern(filePattern)
            .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("OpenFiles", FileIO.readMatches())
        .apply("ReadLines", ParDo.of(new ReadLinesFn()))
        .setCoder(RawMessageCoder.of());
  }

  private static class ReadLinesFn extends DoFn<FileIO.ReadableFile, RawMessage> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawMessage> out) throws IOException {
      MatchResult.Metadata metadata = file.getMetadata();
      Instant publishTime = modificationTime(metadata);
      String name = metadata.resourceId().toString();
      try (InputStream in = new BufferedInputStream(Channels.newInputStream(file.open()), 1 << 16)) {
        long lineNumber = 0;
        byte[] line;
        while ((line = nextLine(in)) != null) {
          lineNumber++;
          if (!isBlank(line)) {
            out.outputWithTimestamp(
                new RawMessage(line, name + ":" + lineNumber, publishTime, Map.of()), publishTime);
          }
        }
      }
    }
  }

  /**
   * Beam's default coder for file metadata drops the modification time between steps, so it is
   * looked up again here (one stat per file); now, if the file system does not know it.
   */
  private static Instant modificationTime(MatchResult.Metadata metadata) throws IOException {
    long millis = metadata.lastModifiedMillis();
    if (millis <= 0) {
      millis = FileSystems.matchSingleFileSpec(metadata.resourceId().toString()).lastModifiedMillis();
    }
    return millis > 0 ? new Instant(millis) : Instant.now();
  }

  /** The next line without its terminator (\n or \r\n), or null at the end. */
  static byte[] nextLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      line.write(b);
      b = in.read();
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      return java.util.Arrays.copyOf(bytes, length - 1);
    }
    return bytes;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
