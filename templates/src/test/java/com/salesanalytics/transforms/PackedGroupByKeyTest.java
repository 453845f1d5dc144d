package com.salesanalytics.transforms;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/** Grouped in packs per bundle, every value reaches its key once, as GroupByKey delivers it. */
public class PackedGroupByKeyTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void everyValueOfEveryBundleReachesItsKeyOnce() {
    List<KV<String, Integer>> values = new ArrayList<>();
    Map<String, List<Integer>> expected = new TreeMap<>();
    for (int i = 0; i < 500; i++) {
      String key = "k" + (i % 3);
      values.add(KV.of(key, i % 7 == 0 ? 7 : i)); // repeated values stay repeated
      expected.computeIfAbsent(key, k -> new ArrayList<>()).add(i % 7 == 0 ? 7 : i);
    }
    PCollection<KV<String, Iterable<Integer>>> grouped = pipeline
        .apply(Create.of(values).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
        .apply("ManyBundles", Reshuffle.of())
        .apply(PackedGroupByKey.create());

    PAssert.that(grouped).satisfies(groups -> {
      Map<String, List<Integer>> actual = new TreeMap<>();
      groups.forEach(g -> {
        List<Integer> list = new ArrayList<>();
        g.getValue().forEach(list::add);
        list.sort(null);
        assertEquals(null, actual.put(g.getKey(), list));
      });
      expected.values().forEach(list -> list.sort(null));
      assertEquals(expected, actual);
      return null;
    });
    pipeline.run();
  }
}
