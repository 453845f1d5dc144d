package com.salesanalytics.transforms;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * A state coder for the DirectRunner only: a value is "encoded" as a reference to the same object
 * in this JVM, so that "copying" it gives back the object itself.
 *
 * <p>Why: the DirectRunner copies a state value through its coder the first time a bundle touches
 * it ({@code CopyOnAccessInMemoryStateInternals} → {@code InMemoryValue.copy} → {@code
 * CoderUtils.clone}, Beam 2.73), so a step whose state holds many ids or windows pays for all of
 * them on every bundle, and ever more as the state grows. With this coder state is changed in place.
 *
 * <p>Safe only where the DirectRunner runs it: one JVM, one bundle of a key at a time, and a failed
 * bundle fails the whole run rather than being retried, so no later bundle sees a half-applied one.
 * Never for a distributed runner, where state leaves the JVM: the steps use it only with sharded
 * keys ({@link DedupeKeys#shards}, {@link KpiKeys#shards}), which only local runs choose.
 *
 * <p>Values must keep {@link Object}'s identity {@code equals}: they are looked up by identity.
 */
final class InProcessStateCoder<T> extends AtomicCoder<T> {
  private static final AtomicLong NEXT_ID = new AtomicLong();
  private static final Map<Object, Long> IDS = new WeakHashMap<>();
  private static final Map<Long, WeakReference<Object>> VALUES = new ConcurrentHashMap<>();

  private InProcessStateCoder() {}

  static <T> InProcessStateCoder<T> of() {
    return new InProcessStateCoder<>();
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    long id;
    synchronized (IDS) {
      Long known = IDS.get(value);
      if (known == null) {
        known = NEXT_ID.incrementAndGet();
        IDS.put(value, known);
        VALUES.put(known, new WeakReference<>(value));
        if (known % 1024 == 0) {
          VALUES.values().removeIf(reference -> reference.get() == null);
        }
      }
      id = known;
    }
    new DataOutputStream(out).writeLong(id);
  }

  @SuppressWarnings("unchecked")
  @Override
  public T decode(InputStream in) throws IOException {
    long id = new DataInputStream(in).readLong();
    WeakReference<Object> reference = VALUES.get(id);
    Object value = reference == null ? null : reference.get();
    if (value == null) {
      throw new CoderException("state value " + id + " is not in this JVM: InProcessStateCoder is for the DirectRunner only");
    }
    return (T) value;
  }
}
