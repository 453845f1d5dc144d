package com.salesanalytics.transforms;

import static com.salesanalytics.TestSales.T0;
import static com.salesanalytics.TestSales.cleaned;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Streaming dedupe in event time (publish time), one scenario per test, in the manner of Beam's
 * LeaderBoardTest: the watermark moves between copies, several ids share a key, and the output is
 * asserted pane by pane (one-minute windows of publish time). Every scenario runs with state per
 * transaction id (Dataflow), in one shard, and in many shards (the DirectRunner).
 */
@RunWith(Parameterized.class)
public class DedupeByTransactionIdTest {
  private static final Duration WINDOW = Duration.standardMinutes(10);
  /** How much later than first + window a sharded key may forget an id: a tenth of the window. */
  private static final Duration SWEEP_GRANULARITY = Duration.standardMinutes(1);

  @Parameterized.Parameters(name = "{0}")
  public static Collection<Object[]> keyings() {
    return Arrays.asList(new Object[][] {
      {DedupeKeys.perTransaction()}, {DedupeKeys.shards(1)}, {DedupeKeys.shards(16)}});
  }

  @Parameterized.Parameter public DedupeKeys keys;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimestampedValue<CleanedSale> at(String transactionId, Duration offset) {
    return TimestampedValue.of(sale(transactionId), T0.plus(offset));
  }

  private static CleanedSale sale(String transactionId) {
    return cleaned(transactionId, "5.00");
  }

  private static Duration minutes(long m) {
    return Duration.standardMinutes(m);
  }

  private static Duration seconds(long s) {
    return Duration.standardSeconds(s);
  }

  /** The minute of publish time starting {@code minutesAfterT0} after T0. */
  private static IntervalWindow minute(long minutesAfterT0) {
    return new IntervalWindow(T0.plus(minutes(minutesAfterT0)), minutes(1));
  }

  /**
   * Deduped, then grouped into one-minute windows of publish time (two hours' allowed lateness), so
   * each copy that comes out lands in a pane that says when it came out: on time or late.
   */
  private PCollection<CleanedSale> dedupe(TestStream<CleanedSale> stream) {
    return pipeline.apply(stream)
        .apply(DedupeByTransactionId.within(WINDOW, keys)).get(DedupeByTransactionId.UNIQUE)
        .apply(Window.<CleanedSale>into(FixedWindows.of(minutes(1))).withAllowedLateness(Duration.standardHours(2)).discardingFiredPanes())
        .apply(WithKeys.of("all"))
        .apply(GroupByKey.create())
        .apply(Values.create())
        .apply(Flatten.iterables());
  }

  @Test
  public void idsRememberedTogetherAreEachForgottenAtTheirOwnTime() {
    // A expires at 10:10; B, C and the fillers (several ids in every shard) are remembered until 10:19.
    List<String> fillers = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      fillers.add("t-filler-" + i);
    }
    TestStream.Builder<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-A", Duration.ZERO))
        .advanceWatermarkTo(T0.plus(minutes(9)))
        .addElements(at("t-B", minutes(9)), at("t-C", minutes(9)));
    for (String filler : fillers) {
      stream = stream.addElements(at(filler, minutes(9).plus(seconds(30))));
    }
    stream = stream
        .advanceWatermarkTo(T0.plus(minutes(10)).plus(seconds(5))) // past A's expiry only
        .addElements(at("t-B", minutes(11)))
        .advanceWatermarkTo(T0.plus(minutes(12)))
        .addElements(at("t-A", minutes(12).plus(seconds(10)))); // A was forgotten: a new delivery
    for (String filler : fillers) {
      stream = stream.addElements(at(filler, minutes(12).plus(seconds(20))));
    }
    stream = stream.advanceWatermarkTo(T0.plus(minutes(13)))
        .addElements(at("t-C", minutes(13)));

    PCollection<CleanedSale> out = dedupe(stream.advanceWatermarkToInfinity());

    PAssert.that(out).inOnTimePane(minute(0)).containsInAnyOrder(sale("t-A"));
    List<CleanedSale> firstDeliveries = new ArrayList<>(List.of(sale("t-B"), sale("t-C")));
    fillers.forEach(f -> firstDeliveries.add(sale(f)));
    PAssert.that(out).inOnTimePane(minute(9)).containsInAnyOrder(firstDeliveries);
    PAssert.that(out).inWindow(minute(11)).empty();
    PAssert.that(out).inOnTimePane(minute(12)).containsInAnyOrder(sale("t-A"));
    PAssert.that(out).inWindow(minute(13)).empty();
    pipeline.run();
  }

  @Test
  public void eachDroppedCopyComesOutAsADuplicateAtItsOwnPublishTime() {
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-1", Duration.ZERO), at("t-2", seconds(1)))
        .advanceWatermarkTo(T0.plus(seconds(30)))
        .addElements(TimestampedValue.of(cleaned("t-1", "5.00", "m-copy-1", T0.plus(minutes(2))), T0.plus(minutes(2))),
            TimestampedValue.of(cleaned("t-1", "5.00", "m-copy-2", T0.plus(minutes(3))), T0.plus(minutes(3))))
        .advanceWatermarkToInfinity();

    PCollection<CleanedSale> duplicates = pipeline.apply(stream)
        .apply(DedupeByTransactionId.within(WINDOW, keys)).get(DedupeByTransactionId.DUPLICATES)
        .apply(Window.into(FixedWindows.of(minutes(1))));

    PAssert.that(duplicates).inWindow(minute(2))
        .containsInAnyOrder(cleaned("t-1", "5.00", "m-copy-1", T0.plus(minutes(2))));
    PAssert.that(duplicates).inWindow(minute(3))
        .containsInAnyOrder(cleaned("t-1", "5.00", "m-copy-2", T0.plus(minutes(3))));
    PAssert.that(duplicates).inWindow(minute(0)).empty();
    pipeline.run();
  }

  @Test
  public void aCopyIsDroppedUntilItsWindowEndsAndKeptOnceTheWatermarkHasPassedItsExpiry() {
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-1", Duration.ZERO), at("t-2", seconds(1)))
        .advanceWatermarkTo(T0.plus(WINDOW).minus(Duration.millis(2)))
        .addElements(at("t-1", WINDOW.minus(Duration.millis(1)))) // 1 ms before t-1's window ends
        .advanceWatermarkTo(T0.plus(WINDOW).plus(SWEEP_GRANULARITY).plus(Duration.millis(1)))
        .addElements(at("t-2", WINDOW.plus(SWEEP_GRANULARITY).plus(seconds(2)))) // t-2 has expired
        .advanceWatermarkToInfinity();

    PCollection<CleanedSale> out = dedupe(stream);

    PAssert.that(out).inOnTimePane(minute(0)).containsInAnyOrder(sale("t-1"), sale("t-2"));
    PAssert.that(out).inWindow(minute(9)).empty();
    PAssert.that(out).inOnTimePane(minute(11)).containsInAnyOrder(sale("t-2"));
    pipeline.run();
  }

  @Test
  public void redeliveriesWithinTheWindowYieldTheFirstDeliveryOnly() {
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-1", Duration.ZERO), at("t-2", seconds(1)))
        .advanceWatermarkTo(T0.plus(minutes(4)))
        .addElements(at("t-1", minutes(5)))
        .advanceWatermarkToInfinity();

    PCollection<CleanedSale> out = dedupe(stream);

    PAssert.that(out).inOnTimePane(minute(0)).containsInAnyOrder(sale("t-1"), sale("t-2"));
    PAssert.that(out).inWindow(minute(5)).empty();
    pipeline.run();
  }

  @Test
  public void duplicatesStraddlingAFixedWindowBoundaryAreStillDropped() {
    // 10:09:59 and 10:10:01 fall in different 10-minute fixed windows; dedupe is by distance, not by window.
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-1", seconds(599)))
        .advanceWatermarkTo(T0.plus(seconds(600)))
        .addElements(at("t-1", seconds(601)))
        .advanceWatermarkToInfinity();

    PCollection<CleanedSale> out = dedupe(stream);

    PAssert.that(out).inOnTimePane(minute(9)).containsInAnyOrder(sale("t-1"));
    PAssert.that(out).inWindow(minute(10)).empty();
    pipeline.run();
  }

  @Test
  public void anOutOfOrderCopyBehindTheWatermarkIsDroppedWhileTheIdIsRemembered() {
    // The copy carries an earlier timestamp than the first delivery and arrives behind the watermark.
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-1", minutes(3)))
        .advanceWatermarkTo(T0.plus(minutes(6)))
        .addElements(at("t-1", minutes(1)))
        .advanceWatermarkToInfinity();

    PCollection<CleanedSale> out = dedupe(stream);

    PAssert.that(out).inOnTimePane(minute(3)).containsInAnyOrder(sale("t-1"));
    PAssert.that(out).inWindow(minute(1)).empty();
    pipeline.run();
  }

  @Test
  public void aLateCopyOfAnExpiredIdIsEmittedAgain() {
    // An hour later the id is forgotten, so a copy stamped in the first minute is new (and late downstream).
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at("t-1", Duration.ZERO))
        .advanceWatermarkTo(T0.plus(Duration.standardHours(1)))
        .addElements(at("t-1", minutes(1)))
        .advanceWatermarkToInfinity();

    PCollection<CleanedSale> out = dedupe(stream);

    PAssert.that(out).inOnTimePane(minute(0)).containsInAnyOrder(sale("t-1"));
    PAssert.that(out).inLatePane(minute(1)).containsInAnyOrder(sale("t-1"));
    pipeline.run();
  }

  @Test
  public void acrossWholeInputTheFirstDeliveryIsKeptWhateverTheArrivalOrder() {
    CleanedSale early = cleaned("t-1", "5.00", "m-9", T0);
    CleanedSale later = cleaned("t-1", "5.00", "m-1", T0.plus(minutes(1)));
    CleanedSale sameTimeHigherId = cleaned("t-1", "5.00", "m-90", T0);
    List<CleanedSale> input = new ArrayList<>(List.of(later, sameTimeHigherId, early, later));
    List<CleanedSale> expected = new ArrayList<>(List.of(early));
    for (int i = 0; i < 40; i++) { // several ids per shard
      input.add(sale("t-other-" + i));
      input.add(sale("t-other-" + i));
      expected.add(sale("t-other-" + i));
    }
    PCollection<CleanedSale> out = pipeline.apply(Create.of(input).withCoder(CleanedSaleCoder.of()))
        .apply(DedupeByTransactionId.acrossWholeInput(keys)).get(DedupeByTransactionId.UNIQUE);
    PAssert.that(out).containsInAnyOrder(expected);
    pipeline.run();
  }
}
