package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.SaleEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class SaleTotalsTest {

  static SaleEvent sale(LineItem... items) {
    return new SaleEvent("t-1", "store-01", "c-1", Instant.parse("2026-11-24T10:15:30Z"), "card", "USD", List.of(items));
  }

  static CleanedSale totalsOf(SaleEvent sale) {
    return SaleTotals.of(sale, "m-1", Instant.parse("2026-11-24T10:15:31Z"));
  }

  static LineItem item(long quantity, String price) {
    return new LineItem("p-" + quantity + "-" + price, quantity, new BigDecimal(price));
  }

  @Test
  void theContractExampleTotalsExactly() {
    CleanedSale totals = totalsOf(sale(item(2, "3.49"), item(1, "12.00")));
    assertEquals(2, totals.lineCount());
    assertEquals(3, totals.totalItems());
    assertEquals(new BigDecimal("18.98"), totals.totalAmount());
    assertEquals(new BigDecimal("6.33"), totals.avgPricePerItem());
  }

  @Test
  void tenthsAddUpExactlyWhereDoublesWouldNot() {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    CleanedSale totals = totalsOf(sale(item(1, "0.1"), item(1, "0.2")));
    assertEquals(0, new BigDecimal("0.3").compareTo(totals.totalAmount()));
    assertEquals(new BigDecimal("0.15"), totals.avgPricePerItem());
  }

  @Test
  void aMillionCentsSumToExactlyTenThousand() {
    List<LineItem> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(item(1000, "0.01"));
    }
    CleanedSale totals = totalsOf(sale(items.toArray(LineItem[]::new)));
    assertEquals(1_000_000, totals.totalItems());
    assertEquals(0, new BigDecimal("10000").compareTo(totals.totalAmount()));
  }

  @Test
  void theAverageRoundsHalfUpToCents() {
    assertEquals(new BigDecimal("0.03"), totalsOf(sale(item(2, "0.025"))).avgPricePerItem()); // 0.025 -> 0.03
    assertEquals(new BigDecimal("0.02"), totalsOf(sale(item(2, "0.0249"))).avgPricePerItem());
    assertEquals(new BigDecimal("3.33"), totalsOf(sale(item(3, "3.333333333"))).avgPricePerItem());
    assertEquals(new BigDecimal("6.67"), totalsOf(sale(item(1, "10"), item(2, "5.00"))).avgPricePerItem());
  }

  @Test
  void nineDecimalPricesKeepEveryDigitInTheTotal() {
    CleanedSale totals = totalsOf(sale(item(3, "0.123456789")));
    assertEquals(new BigDecimal("0.370370367"), totals.totalAmount());
  }

  @Test
  void theLargestAllowedSaleFitsBigQueryNumeric() {
    CleanedSale totals = totalsOf(sale(item(SaleParser.MAX_QUANTITY, SaleParser.MAX_UNIT_PRICE.toPlainString())));
    // NUMERIC holds 29 integer digits.
    assertEquals(true, totals.totalAmount().precision() - totals.totalAmount().scale() <= 29);
    assertEquals(new BigDecimal("1000000000000000"), totals.totalAmount());
  }

  @Test
  void everyFieldOfTheSaleIsCarriedOver() {
    CleanedSale totals = totalsOf(sale(item(1, "1.00")));
    assertEquals("t-1", totals.transactionId());
    assertEquals("store-01", totals.storeId());
    assertEquals("c-1", totals.customerId());
    assertEquals(Instant.parse("2026-11-24T10:15:30Z"), totals.eventTimestamp());
    assertEquals("card", totals.paymentMethod());
    assertEquals("USD", totals.currency());
  }
}
