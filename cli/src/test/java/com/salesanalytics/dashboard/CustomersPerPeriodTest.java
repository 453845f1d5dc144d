package com.salesanalytics.dashboard;

import static com.salesanalytics.dashboard.DashboardFixture.at;
import static com.salesanalytics.dashboard.DashboardFixture.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.duckdb.DuckDbDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer who comes back within the hour, in another minute and another store, is one customer
 * of that hour: the KPI rows count distinct customers per store and minute only, so their sum is
 * not the hour's. The KPI rows here are exactly what the pipeline writes for these sales; every
 * expected figure is worked out by hand.
 */
class CustomersPerPeriodTest {
  @TempDir Path dir;
  private Tiles tiles;

  @BeforeEach
  void aCustomerBuysThreeTimesInTheHour() throws SQLException {
    DashboardFixture fixture = DashboardFixture.create(dir.resolve("returning.duckdb"));
    // transaction, store, customer, currency, event time, message, publish time, lines (product, quantity, unit price)
    fixture.sale("s1", "store-01", "c-7", "USD", at("09:10:00"), "m1", at("09:10:01"), line("p-0001", 2, "10.00"));
    fixture.sale("s2", "store-02", "c-7", "USD", at("09:40:30"), "m2", at("09:40:31"), line("p-0002", 1, "10.00"));
    fixture.sale("s3", "store-02", null, "USD", at("09:40:50"), "m3", at("09:40:51"), line("p-0003", 5, "10.00"));
    fixture.sale("s4", "store-03", "c-7", "EUR", at("09:30:00"), "m4", at("09:30:01"), line("p-0001", 1, "8.00"));
    fixture.sale("s5", "store-01", "c-7", "USD", at("10:04:10"), "m5", at("10:04:11"), line("p-0004", 1, "6.00"));
    fixture.sale("s5", "store-01", "c-7", "USD", at("10:04:10"), "m5-late", at("10:30:00"), line("p-0004", 1, "6.00"));
    fixture.sale("s6", "store-01", "c-8", "USD", at("10:04:40"), "m6", at("10:04:41"), line("p-0004", 1, "4.00"));
    fixture.sale("s7", "store-02", "c-8", "USD", at("09:04:59"), "m7", at("09:05:00"), line("p-0005", 1, "100.00"));
    fixture.sale("s8", "store-01", "c-7", "USD", at("10:05:10"), "m8", at("10:05:11"), line("p-0005", 1, "300.00"));

    // store, window start, currency, transactions, items, revenue, customers, anonymous, customer revenue, final
    fixture.kpi("store-02", at("09:04:00"), "USD", 1, 1, "100.00", 1, 0, "100.00", true); // s7, before the hour
    fixture.kpi("store-01", at("09:10:00"), "USD", 1, 2, "20.00", 1, 0, "20.00", true); // s1
    fixture.kpi("store-03", at("09:30:00"), "EUR", 1, 1, "8.00", 1, 0, "8.00", true); // s4
    fixture.kpi("store-02", at("09:40:00"), "USD", 2, 6, "60.00", 1, 1, "10.00", true); // s2, s3
    fixture.kpi("store-01", at("10:04:00"), "USD", 2, 2, "10.00", 2, 0, "10.00", false); // s5, s6; s8 has no row yet

    tiles = new Dashboard(fixture.database()::readConnection, Clock.fixed(at("10:05:30"), ZoneOffset.UTC)).tiles();
  }

  @AfterEach
  void close() {
    DuckDbDatabase.closeIfOpen(dir.resolve("returning.duckdb").toString());
  }

  @Test
  void theHourCountsEachCustomerOncePerCurrency() {
    Tiles.Period hour = tiles.lastHour();
    assertEquals(at("09:05:00"), hour.from());
    assertEquals(6, hour.transactions()); // USD s1, s2, s3, s5, s6 (1 + 2 + 2), EUR s4
    Tiles.CurrencyTotals usd = hour.currencies().get(0);
    assertEquals("USD", usd.currency());
    assertEquals(5, usd.transactions());
    assertEquals("90.00", usd.revenue().toPlainString()); // 20 + 60 + 10
    assertEquals(2, usd.customers(), "c-7 (three sales, two stores, three minutes) and c-8; not 1 + 1 + 2 = 4");
    assertEquals("40.00", usd.customerRevenue().toPlainString()); // c-7 20 + 10 + 6, c-8 4; s3 is anonymous
    assertEquals("20.00", usd.avgSpendPerCustomer().toPlainString()); // 40.00 / 2, not 40.00 / 4 = 10.00
    assertTrue(usd.provisional());

    Tiles.CurrencyTotals eur = hour.currencies().get(1);
    assertEquals("EUR", eur.currency());
    assertEquals(1, eur.customers(), "c-7 is a customer in euros too");
    assertEquals("8.00", eur.customerRevenue().toPlainString());
    assertEquals("8.00", eur.avgSpendPerCustomer().toPlainString());
    assertFalse(eur.provisional());
  }

  @Test
  void theMinuteCountsItsOwnCustomersOnly() {
    Tiles.Period minute = tiles.lastMinute();
    assertEquals(1, minute.currencies().size(), "no EUR sale in 10:04");
    Tiles.CurrencyTotals usd = minute.currencies().get(0);
    assertEquals(2, usd.customers()); // c-7's s5 (delivered twice) and c-8's s6; s8 is after 10:05
    assertEquals("10.00", usd.customerRevenue().toPlainString()); // 6 + 4: s5 once, not s7 at 09:04:59
    assertEquals("5.00", usd.avgSpendPerCustomer().toPlainString());
  }
}
