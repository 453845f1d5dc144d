package com.salesanalytics.model.coders;

import com.salesanalytics.model.TimeRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.InstantCoder;

/** A range as its two instants. */
public final class TimeRangeCoder extends AtomicCoder<TimeRange> {
  private static final TimeRangeCoder INSTANCE = new TimeRangeCoder();
  private static final InstantCoder INSTANT = InstantCoder.of();

  public static TimeRangeCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(TimeRange range, OutputStream out) throws IOException {
    INSTANT.encode(range.from(), out);
    INSTANT.encode(range.to(), out);
  }

  @Override
  public TimeRange decode(InputStream in) throws IOException {
    return new TimeRange(INSTANT.decode(in), INSTANT.decode(in));
  }
}
