package com.salesanalytics.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.StoreKpi;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** Totals added in parts and merged are the totals of the whole, and survive their coder. */
class KpiTotalsTest {
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  private static List<CleanedSale> sales(int count, long seed) {
    Random random = new Random(seed);
    List<CleanedSale> sales = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<LineItem> lines = new ArrayList<>();
      for (int l = 0; l <= random.nextInt(4); l++) {
        lines.add(new LineItem("p-" + random.nextInt(9), 1 + random.nextInt(3),
            new BigDecimal(random.nextInt(2000)).movePointLeft(random.nextInt(4))));
      }
      BigDecimal total = lines.stream().map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      long items = lines.stream().mapToLong(LineItem::quantity).sum();
      String customer = random.nextInt(3) == 0 ? null : "c-" + random.nextInt(6);
      sales.add(new CleanedSale("t-" + i, "store-01", customer, START.plus(i), "card", "USD", lines.size(), items, total,
          total, "m-" + i, START, lines));
    }
    return sales;
  }

  private static StoreKpi kpi(KpiTotals totals) {
    return totals.toKpi("store-01", "USD", START, START.plus(60_000), PaneTiming.BACKFILL, true, 0, START);
  }

  @Test
  void totalsMergedFromPartsEqualTheTotalsOfTheWhole() {
    for (long seed = 1; seed <= 20; seed++) {
      List<CleanedSale> sales = sales(40, seed);
      KpiTotals whole = new KpiTotals();
      sales.forEach(whole::add);
      KpiTotals merged = new KpiTotals();
      Random cuts = new Random(seed);
      KpiTotals part = new KpiTotals();
      for (CleanedSale sale : sales) {
        part.add(sale);
        if (cuts.nextInt(5) == 0) {
          merged.merge(part);
          part = new KpiTotals();
        }
      }
      merged.merge(part);
      assertEquals(kpi(whole), kpi(merged), "seed " + seed);
    }
  }

  @Test
  void totalsSurviveTheirCoder() throws Exception {
    KpiTotals totals = new KpiTotals();
    sales(25, 7).forEach(totals::add);
    KpiTotals decoded = CoderUtils.clone(KpiTotals.coder(), totals);
    assertEquals(kpi(totals), kpi(decoded));
    KpiTotals more = new KpiTotals();
    more.merge(decoded);
    assertEquals(kpi(totals), kpi(more));
  }
}
