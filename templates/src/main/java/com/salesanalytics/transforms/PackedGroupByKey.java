package com.salesanalytics.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A GroupByKey for the DirectRunner's few-keys steps (see {@link DedupeKeys}): the values a bundle
 * has for a key cross the shuffle as one encoded pack, and are unpacked after it. The output is
 * that of {@link GroupByKey}.
 *
 * <p>Why: the DirectRunner handles every element entering a GroupByKey on its own (state, a
 * trigger and a cleanup timer, each timer with a string key built for it), and for every bundle
 * it copies the values a key already holds, element by element through their coder. A million
 * sales into a dedupe of two keys cost more than parsing them. Packed, a key receives one element
 * per bundle, and copying a pack copies bytes.
 */
public final class PackedGroupByKey<K, V> extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {
  private PackedGroupByKey() {}

  public static <K, V> PackedGroupByKey<K, V> create() {
    return new PackedGroupByKey<>();
  }

  @Override
  public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    KvCoder<K, V> coder = (KvCoder<K, V>) input.getCoder();
    return input
        .apply("PackPerBundle", ParDo.of(new PackFn<>(coder.getValueCoder())))
        .setCoder(KvCoder.of(coder.getKeyCoder(), ByteArrayCoder.of()))
        .apply("GroupPacks", GroupByKey.create())
        .apply("Unpack", ParDo.of(new UnpackFn<>(coder.getValueCoder())))
        .setCoder(KvCoder.of(coder.getKeyCoder(), IterableCoder.of(coder.getValueCoder())));
  }

  /** A bundle's values per window and key, each list encoded as one pack when the bundle ends. */
  private static final class PackFn<K, V> extends DoFn<KV<K, V>, KV<K, byte[]>> {
    private final Coder<V> valueCoder;
    private transient Map<BoundedWindow, Map<K, List<V>>> values;

    PackFn(Coder<V> valueCoder) {
      this.valueCoder = valueCoder;
    }

    @StartBundle
    public void startBundle() {
      values = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<K, V> element, BoundedWindow window) {
      values.computeIfAbsent(window, w -> new HashMap<>())
          .computeIfAbsent(element.getKey(), k -> new ArrayList<>()).add(element.getValue());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws CoderException {
      for (Map.Entry<BoundedWindow, Map<K, List<V>>> window : values.entrySet()) {
        for (Map.Entry<K, List<V>> key : window.getValue().entrySet()) {
          context.output(KV.of(key.getKey(), pack(key.getValue())), window.getKey().maxTimestamp(), window.getKey());
        }
      }
      values = null;
    }

    private byte[] pack(List<V> list) throws CoderException {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(list.size() * 128);
      try {
        VarInt.encode(list.size(), bytes);
        for (V value : list) {
          valueCoder.encode(value, bytes);
        }
      } catch (IOException e) {
        throw new CoderException("cannot pack " + list.size() + " values", e);
      }
      return bytes.toByteArray();
    }
  }

  /** A key's packs, unpacked into one list of its values. */
  private static final class UnpackFn<K, V> extends DoFn<KV<K, Iterable<byte[]>>, KV<K, Iterable<V>>> {
    private final Coder<V> valueCoder;

    UnpackFn(Coder<V> valueCoder) {
      this.valueCoder = valueCoder;
    }

    @ProcessElement
    public void process(@Element KV<K, Iterable<byte[]>> packs, OutputReceiver<KV<K, Iterable<V>>> out)
        throws IOException {
      List<V> values = new ArrayList<>();
      for (byte[] pack : packs.getValue()) {
        InputStream in = new java.io.ByteArrayInputStream(pack);
        for (int count = VarInt.decodeInt(in); count > 0; count--) {
          values.add(valueCoder.decode(in));
        }
      }
      out.output(KV.of(packs.getKey(), values));
    }
  }
}
