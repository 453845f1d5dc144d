package com.salesanalytics.transforms;

import static com.salesanalytics.TestSales.T0;
import static com.salesanalytics.TestSales.json;
import static com.salesanalytics.TestSales.message;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.salesanalytics.logic.CleanResult;
import com.salesanalytics.model.DeadLetter;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/** The parse step never fails a bundle: whatever one element provokes becomes that element's dead letter. */
public class ParseSalesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  /** Cleans normally, except that a payload mentioning "boom" hits a bug deep in the math. */
  private static CleanResult buggyOnBoom(RawMessage message) {
    if (new String(message.payload(), StandardCharsets.UTF_8).contains("boom")) {
      throw new ArithmeticException("Overflow");
    }
    return CleanResult.of(message);
  }

  @Test
  public void anExceptionFromOneElementBecomesAnInternalErrorDeadLetterWithItsPayload() {
    RawMessage poison = message("m-boom", json("t-boom", "store-07", "1", "1.00"), T0);
    PCollectionTuple out = pipeline
        .apply(Create.of(List.of(poison, message("m-ok", json("t-ok", "store-07", "1", "2.00"), T0)))
            .withCoder(RawMessageCoder.of()))
        .apply(new ParseSales(ParseSalesTest::buggyOnBoom));

    PAssert.that(out.get(ParseSales.SALES)).satisfies(sales -> {
      assertEquals("t-ok", sales.iterator().next().transactionId());
      return null;
    });
    PAssert.thatSingleton(out.get(ParseSales.DEAD_LETTERS)).satisfies(letter -> {
      assertEquals(ErrorCode.INTERNAL_ERROR, letter.errorCode());
      assertEquals("m-boom", letter.messageId());
      assertArrayEquals(poison.payload(), letter.payload());
      assertTrue(letter.errorMessage(), letter.errorMessage().contains("java.lang.ArithmeticException"));
      assertTrue(letter.errorMessage(), letter.errorMessage().contains("Overflow"));
      assertTrue(letter.errorMessage(), letter.errorMessage().contains(ParseSales.STEP));
      return null;
    });
    pipeline.run();
  }
}
