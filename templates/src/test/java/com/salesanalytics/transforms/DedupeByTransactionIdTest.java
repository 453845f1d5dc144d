package com.salesanalytics.transforms;

import static com.salesanalytics.TestSales.T0;
import static com.salesanalytics.TestSales.cleaned;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.coders.CleanedSaleCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Streaming dedupe in event time (publish time), one scenario per test, in the manner of Beam's
 * LeaderBoardTest: on time, across window boundaries, out of order, late, and after expiry.
 */
public class DedupeByTransactionIdTest {
  private static final Duration WINDOW = Duration.standardMinutes(10);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimestampedValue<CleanedSale> at(CleanedSale sale, Duration offset) {
    return TimestampedValue.of(sale, T0.plus(offset));
  }

  private PCollection<CleanedSale> dedupe(TestStream<CleanedSale> stream) {
    return pipeline.apply(stream).apply(DedupeByTransactionId.within(WINDOW, 4));
  }

  @Test
  public void redeliveriesWithinTheWindowYieldTheFirstDeliveryOnly() {
    CleanedSale first = cleaned("t-1", "5.00");
    CleanedSale retry = cleaned("t-1", "5.00");
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at(first, Duration.ZERO), at(cleaned("t-2", "7.00"), Duration.standardSeconds(1)))
        .advanceWatermarkTo(T0.plus(Duration.standardMinutes(4)))
        .addElements(at(retry, Duration.standardMinutes(5)))
        .advanceWatermarkToInfinity();

    PAssert.that(dedupe(stream)).containsInAnyOrder(first, cleaned("t-2", "7.00"));
    pipeline.run();
  }

  @Test
  public void duplicatesStraddlingAFixedWindowBoundaryAreStillDropped() {
    // 10:09:59 and 10:10:01 fall in different 10-minute fixed windows; dedupe is by distance, not by window.
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at(cleaned("t-1", "5.00"), Duration.standardSeconds(599)))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(600)))
        .addElements(at(cleaned("t-1", "5.00"), Duration.standardSeconds(601)))
        .advanceWatermarkToInfinity();

    PAssert.that(dedupe(stream)).containsInAnyOrder(cleaned("t-1", "5.00"));
    pipeline.run();
  }

  @Test
  public void anOutOfOrderCopyBehindTheWatermarkIsDroppedWhileTheIdIsRemembered() {
    // The copy carries an earlier timestamp than the first delivery and arrives behind the watermark.
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at(cleaned("t-1", "5.00"), Duration.standardMinutes(3)))
        .advanceWatermarkTo(T0.plus(Duration.standardMinutes(6)))
        .addElements(at(cleaned("t-1", "5.00"), Duration.standardMinutes(1)))
        .advanceWatermarkToInfinity();

    PAssert.that(dedupe(stream)).containsInAnyOrder(cleaned("t-1", "5.00"));
    pipeline.run();
  }

  @Test
  public void aCopyArrivingAfterTheWindowHasExpiredIsTreatedAsNew() {
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at(cleaned("t-1", "5.00"), Duration.ZERO))
        // Past first + window + the sweep granularity (a tenth of the window): the id is forgotten.
        .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardMinutes(2)))
        .addElements(at(cleaned("t-1", "5.00"), Duration.standardMinutes(13)))
        .advanceWatermarkToInfinity();

    PAssert.that(dedupe(stream)).containsInAnyOrder(cleaned("t-1", "5.00"), cleaned("t-1", "5.00"));
    pipeline.run();
  }

  @Test
  public void aLateCopyOfAnExpiredIdIsEmittedAgain() {
    // Droppably late in a windowed pipeline; here the id was forgotten, so the copy is new.
    TestStream<CleanedSale> stream = TestStream.create(CleanedSaleCoder.of())
        .addElements(at(cleaned("t-1", "5.00"), Duration.ZERO))
        .advanceWatermarkTo(T0.plus(Duration.standardHours(1)))
        .addElements(at(cleaned("t-1", "5.00"), Duration.standardMinutes(1)))
        .advanceWatermarkToInfinity();

    PAssert.that(dedupe(stream)).containsInAnyOrder(cleaned("t-1", "5.00"), cleaned("t-1", "5.00"));
    pipeline.run();
  }

  @Test
  public void idsInTheSameShardDoNotSuppressEachOther() {
    TestStream.Builder<CleanedSale> builder = TestStream.create(CleanedSaleCoder.of());
    java.util.List<CleanedSale> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      builder = builder.addElements(at(cleaned("t-" + i, i + ".00"), Duration.standardSeconds(i)),
          at(cleaned("t-" + i, i + ".00"), Duration.standardSeconds(i + 1)));
      expected.add(cleaned("t-" + i, i + ".00"));
    }
    PAssert.that(pipeline.apply(builder.advanceWatermarkToInfinity()).apply(DedupeByTransactionId.within(WINDOW, 2)))
        .containsInAnyOrder(expected);
    pipeline.run();
  }

  @Test
  public void acrossWholeInputTheEarliestEventIsKeptWhateverTheArrivalOrder() {
    CleanedSale early = new CleanedSale("t-1", "store-07", null, T0, null, "USD", 1, 1,
        new java.math.BigDecimal("5.00"), new java.math.BigDecimal("5.00"));
    CleanedSale later = new CleanedSale("t-1", "store-07", null, T0.plus(Duration.standardMinutes(1)), null, "USD",
        1, 1, new java.math.BigDecimal("5.00"), new java.math.BigDecimal("5.00"));
    PCollection<CleanedSale> out = pipeline.apply(Create.of(later, early, later).withCoder(CleanedSaleCoder.of()))
        .apply(DedupeByTransactionId.acrossWholeInput(3));
    PAssert.that(out).containsInAnyOrder(early);
    pipeline.run();
  }
}
