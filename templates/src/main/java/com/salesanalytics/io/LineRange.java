package com.salesanalytics.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.joda.time.Instant;

/**
 * Whole lines of a file: bytes [start, end), the first of them line number {@code firstLine} of
 * the file, every message from them published at {@code publishTime}.
 */
record LineRange(String file, long start, long end, long firstLine, Instant publishTime) {
  static final Coder<LineRange> CODER = new LineRangeCoder();

  /** Field by field. */
  private static final class LineRangeCoder extends AtomicCoder<LineRange> {
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
    private static final VarLongCoder NUMBER = VarLongCoder.of();
    private static final InstantCoder INSTANT = InstantCoder.of();

    @Override
    public void encode(LineRange range, OutputStream out) throws IOException {
      TEXT.encode(range.file(), out);
      NUMBER.encode(range.start(), out);
      NUMBER.encode(range.end(), out);
      NUMBER.encode(range.firstLine(), out);
      INSTANT.encode(range.publishTime(), out);
    }

    @Override
    public LineRange decode(InputStream in) throws IOException {
      return new LineRange(TEXT.decode(in), NUMBER.decode(in), NUMBER.decode(in), NUMBER.decode(in), INSTANT.decode(in));
    }
  }
}
