package com.salesanalytics.io;

import com.salesanalytics.simulator.SaleGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The simulator's first {@code count} events as one JSON-lines file (local or gs://, no shard
 * suffix), one payload per line, in index order: the same seed gives the same file, byte for byte.
 *
 * <p>Blocks of events are generated and written side by side, each into a part file beside the
 * destination, and the parts are then joined in order. Through TextIO's single-shard write, every
 * line crossed a shuffle onto one key, which the DirectRunner held in memory (6.3 GB for 1M
 * events) and copied per bundle; here no event leaves the step that generates it.
 */
public final class SimulatorFile extends PTransform<PBegin, PDone> {
  /** Events per part: a few MB of lines, a few dozen parts for a million events. */
  static final long EVENTS_PER_BLOCK = 25_000;

  private final SaleGenerator generator;
  private final long count;
  private final String path;
  private final long eventsPerBlock;

  public SimulatorFile(SaleGenerator generator, long count, String path) {
    this(generator, count, path, EVENTS_PER_BLOCK);
  }

  SimulatorFile(SaleGenerator generator, long count, String path, long eventsPerBlock) {
    if (count < 1 || eventsPerBlock < 1) {
      throw new IllegalArgumentException("a simulator file needs at least one event per block and in all, got "
          + eventsPerBlock + " and " + count);
    }
    this.generator = generator;
    this.count = count;
    this.path = path;
    this.eventsPerBlock = eventsPerBlock;
  }

  @Override
  public PDone expand(PBegin begin) {
    // Named once per pipeline, so that a retried block overwrites its own part.
    String parts = path + ".part-" + UUID.randomUUID() + "-";
    List<Long> blocks = LongStream.range(0, (count + eventsPerBlock - 1) / eventsPerBlock).boxed().toList();
    begin
        .apply("Blocks", Create.of(blocks).withCoder(VarLongCoder.of()))
        .apply("KeyByBlock", WithKeys.of((Long block) -> block).withKeyType(TypeDescriptors.longs()))
        .apply("EachBlockApart", Reshuffle.of())
        .apply("BlockNumbers", Values.create())
        .apply("WriteBlocks", ParDo.of(new WriteBlockFn(generator, count, eventsPerBlock, parts)))
        .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()))
        .apply("AllParts", WithKeys.of((KV<Long, String> part) -> "parts").withKeyType(TypeDescriptors.strings()))
        .apply("GatherParts", GroupByKey.create())
        .apply("JoinPartsInOrder", ParDo.of(new JoinPartsFn(path)));
    return PDone.in(begin.getPipeline());
  }

  /** Writes one block's events, a line each, into its part file; outputs (block, part). */
  private static final class WriteBlockFn extends DoFn<Long, KV<Long, String>> {
    private final SaleGenerator generator;
    private final long count;
    private final long eventsPerBlock;
    private final String parts;

    WriteBlockFn(SaleGenerator generator, long count, long eventsPerBlock, String parts) {
      this.generator = generator;
      this.count = count;
      this.eventsPerBlock = eventsPerBlock;
      this.parts = parts;
    }

    @ProcessElement
    public void process(@Element Long block, OutputReceiver<KV<Long, String>> out) throws IOException {
      String part = parts + block;
      ResourceId resource = FileSystems.matchNewResource(part, false);
      long end = Math.min(count, (block + 1) * eventsPerBlock);
      try (OutputStream lines = new BufferedOutputStream(
          Channels.newOutputStream(FileSystems.create(resource, MimeTypes.TEXT)), 1 << 16)) {
        for (long index = block * eventsPerBlock; index < end; index++) {
          lines.write(generator.event(index).payload().getBytes(StandardCharsets.UTF_8));
          lines.write('\n');
        }
      }
      out.output(KV.of(block, part));
    }
  }

  /** Joins the parts into the file, in block order, and deletes them. */
  private static final class JoinPartsFn extends DoFn<KV<String, Iterable<KV<Long, String>>>, Void> {
    private final String path;

    JoinPartsFn(String path) {
      this.path = path;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<Long, String>>> all) throws IOException {
      Map<Long, String> inOrder = new TreeMap<>();
      all.getValue().forEach(part -> inOrder.put(part.getKey(), part.getValue()));
      List<ResourceId> parts = new ArrayList<>();
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      try (WritableByteChannel file = FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT)) {
        for (String name : inOrder.values()) {
          ResourceId part = FileSystems.matchNewResource(name, false);
          parts.add(part);
          try (ReadableByteChannel in = FileSystems.open(part)) {
            while (in.read(buffer.clear()) >= 0) {
              buffer.flip();
              while (buffer.hasRemaining()) {
                file.write(buffer);
              }
            }
          }
        }
      }
      FileSystems.delete(parts, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
