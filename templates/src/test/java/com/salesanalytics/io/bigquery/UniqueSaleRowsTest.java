package com.salesanalytics.io.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.services.bigquery.model.TableRow;
import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import java.math.BigDecimal;
import java.util.List;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A sale read back for the backfill's KPIs from the rows of the read-back query, as BigQuery's
 * Storage Read API hands them to Beam: INT64 and NUMERIC as text, TIMESTAMP as "... UTC" text,
 * the rows of one sale in any order.
 */
class UniqueSaleRowsTest {
  private static TableRow row(String lineNumber, String product, String quantity, String unitPrice) {
    return new TableRow().set("transaction_id", "t-1").set("store_id", "store-07").set("customer_id", null)
        .set("event_timestamp", "2026-11-24 10:15:30.123 UTC").set("payment_method", "card").set("currency", "EUR")
        .set("line_count", "2").set("total_items", "3").set("total_amount", "12.470000000")
        .set("avg_price_per_item", "4.160000000").set("message_id", "m-1")
        .set("publish_time", "2026-11-24 10:15:31 UTC")
        .set("line_number", lineNumber).set("product_id", product).set("quantity", quantity).set("unit_price", unitPrice);
  }

  @Test
  void theLinesComeInLineOrderWhateverOrderTheRowsCameIn() {
    CleanedSale sale = TableRows.uniqueSale(List.of(row("2", "p-200", "1", "3.490000000"),
        row("1", "p-100", "2", "4.490000000")));
    assertEquals(new CleanedSale("t-1", "store-07", null, Instant.parse("2026-11-24T10:15:30.123Z"), "card", "EUR", 2,
        3, new BigDecimal("12.470000000"), new BigDecimal("4.160000000"), "m-1",
        Instant.parse("2026-11-24T10:15:31Z"),
        List.of(new LineItem("p-100", 2, new BigDecimal("4.490000000")),
            new LineItem("p-200", 1, new BigDecimal("3.490000000")))), sale);
  }

  @Test
  void aSaleWithoutLinesInTheTableHasNoLines() {
    CleanedSale sale = TableRows.uniqueSale(List.of(row(null, null, null, null)));
    assertEquals(List.of(), sale.items());
    assertEquals(3, sale.totalItems());
  }
}
