package com.salesanalytics.io;

import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
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
 *
 * <p>A file is read in ranges of whole lines, each range on its own (a reshuffle between planning
 * and reading), so that a large file is read in parallel and flows downstream in parts: read in
 * one piece, a 1M-line file was one bundle of 1M messages on the DirectRunner, held in memory
 * until every step after it had finished with it. Planning scans the file once for line ends,
 * which is what numbers the lines of a range that starts mid-file.
 */
public final class JsonLinesSource extends PTransform<PBegin, PCollection<RawMessage>> {
  /** About this much of a file per range: a few per core for a file of a few hundred MB. */
  static final long DEFAULT_RANGE_BYTES = 8L << 20;

  private final String filePattern;
  private final long rangeBytes;

  public JsonLinesSource(String filePattern) {
    this(filePattern, DEFAULT_RANGE_BYTES);
  }

  /** Ranges of about {@code rangeBytes} (at least one whole line each). */
  JsonLinesSource(String filePattern, long rangeBytes) {
    if (rangeBytes < 1) {
      throw new IllegalArgumentException("range size must be positive, got " + rangeBytes);
    }
    this.filePattern = filePattern;
    this.rangeBytes = rangeBytes;
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    return begin
        .apply("MatchFiles", FileIO.match().filepattern(filePattern)
            .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("OpenFiles", FileIO.readMatches())
        .apply("PlanLineRanges", ParDo.of(new PlanRangesFn(rangeBytes)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LineRange.CODER))
        .apply("EachRangeApart", Reshuffle.of())
        .apply("Ranges", Values.create())
        .apply("ReadLines", ParDo.of(new ReadRangeFn()))
        .setCoder(RawMessageCoder.of());
  }

  /** Splits each file into ranges of whole lines, numbered from their first line. */
  private static final class PlanRangesFn extends DoFn<FileIO.ReadableFile, KV<String, LineRange>> {
    private final long rangeBytes;

    PlanRangesFn(long rangeBytes) {
      this.rangeBytes = rangeBytes;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<KV<String, LineRange>> out)
        throws IOException {
      MatchResult.Metadata metadata = file.getMetadata();
      Instant publishTime = modificationTime(metadata);
      String name = metadata.resourceId().toString();
      long rangeStart = 0;
      long firstLine = 1;
      long position = 0;
      long lines = 0;
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      try (ReadableByteChannel channel = file.open()) {
        int read;
        while ((read = channel.read(buffer.clear())) >= 0) {
          byte[] bytes = buffer.array();
          for (int i = 0; i < read; i++) {
            if (bytes[i] == '\n') {
              lines++;
              long next = position + i + 1;
              if (next - rangeStart >= rangeBytes) {
                out.output(KV.of(name + "@" + rangeStart, new LineRange(name, rangeStart, next, firstLine, publishTime)));
                rangeStart = next;
                firstLine = lines + 1;
              }
            }
          }
          position += read;
        }
      }
      if (position > rangeStart) {
        out.output(KV.of(name + "@" + rangeStart, new LineRange(name, rangeStart, position, firstLine, publishTime)));
      }
    }
  }

  /** The lines of one range, each a message. */
  private static final class ReadRangeFn extends DoFn<LineRange, RawMessage> {
    @ProcessElement
    public void process(@Element LineRange range, OutputReceiver<RawMessage> out) throws IOException {
      try (SeekableByteChannel channel = (SeekableByteChannel) FileSystems.open(
          FileSystems.matchNewResource(range.file(), false))) {
        channel.position(range.start());
        InputStream in = Channels.newInputStream(channel);
        LineReader lines = new LineReader(in, range.end() - range.start());
        long lineNumber = range.firstLine();
        byte[] line;
        while ((line = lines.next()) != null) {
          if (!isBlank(line)) {
            out.output(new RawMessage(line, range.file() + ":" + lineNumber, range.publishTime(), Map.of()));
          }
          lineNumber++;
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

  /** The lines of {@code length} bytes of a stream, without their terminators (\n or \r\n). */
  static final class LineReader {
    private final InputStream in;
    private long left;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;

    LineReader(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    /** The next line, or null at the end. */
    byte[] next() throws IOException {
      int scanned = start; // buffer[start, scanned) holds no line end
      while (true) {
        for (int i = scanned; i < end; i++) {
          if (buffer[i] == '\n') {
            byte[] line = lineOf(start, i);
            start = i + 1;
            return line;
          }
        }
        int pending = end - start;
        if (!fill()) {
          if (pending == 0) {
            return null;
          }
          byte[] last = lineOf(start, end);
          start = end;
          return last;
        }
        scanned = start + pending;
      }
    }

    private byte[] lineOf(int from, int newline) {
      int to = newline > from && buffer[newline - 1] == '\r' ? newline - 1 : newline;
      return Arrays.copyOfRange(buffer, from, to);
    }

    /** Reads more into the buffer, keeping the unread part; false at the end of the range. */
    private boolean fill() throws IOException {
      if (left == 0) {
        return false;
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
      }
      int read = in.read(buffer, end, (int) Math.min(buffer.length - end, left));
      if (read < 0) {
        left = 0;
        return false;
      }
      end += read;
      left -= read;
      return true;
    }
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
