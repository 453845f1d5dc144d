package com.salesanalytics.model.coders;

import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.PipelineHealth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a {@link PipelineHealth} row field by field; the timing by name, so reordering the enum is safe. */
public final class PipelineHealthCoder extends AtomicCoder<PipelineHealth> {
  private static final PipelineHealthCoder INSTANCE = new PipelineHealthCoder();
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();

  public static PipelineHealthCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(PipelineHealth health, OutputStream out) throws IOException {
    INSTANT.encode(health.windowStart(), out);
    INSTANT.encode(health.windowEnd(), out);
    LONG.encode(health.eventsIn(), out);
    LONG.encode(health.cleaned(), out);
    LONG.encode(health.deadLettered(), out);
    LONG.encode(health.duplicates(), out);
    LONG.encode(health.droppedLate(), out);
    STRING.encode(health.timing().name(), out);
    BOOLEAN.encode(health.isFinal(), out);
    LONG.encode(health.paneIndex(), out);
    INSTANT.encode(health.updatedAt(), out);
  }

  @Override
  public PipelineHealth decode(InputStream in) throws IOException {
    return new PipelineHealth(INSTANT.decode(in), INSTANT.decode(in), LONG.decode(in), LONG.decode(in),
        LONG.decode(in), LONG.decode(in), LONG.decode(in), PaneTiming.valueOf(STRING.decode(in)), BOOLEAN.decode(in),
        LONG.decode(in), INSTANT.decode(in));
  }
}
