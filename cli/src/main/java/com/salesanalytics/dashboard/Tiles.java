package com.salesanalytics.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The tiles of {@code /api/tiles}. Sales figures come from {@code sales_store_kpis} (customers from
 * the sales themselves, see {@link CurrencyTotals}), whose windows are in the sales' event time:
 * "last minute" is the newest window in the table and "last hour" the 60 windows ending with it
 * ({@link #asOf} is that window's end), not the wall clock, because the simulator's event times are
 * simulated. Null parts mean no rows yet.
 */
public record Tiles(
    @Nullable Instant asOf,
    @Nullable Period lastMinute,
    @Nullable Period lastHour,
    @Nullable Health health,
    Freshness freshness) {

  /**
   * Totals of the KPI windows in [from, to). Transactions and items add up across currencies,
   * money only within one; {@code currencies} lists the currency with most transactions first.
   * {@code provisional}: some row in the span is not final yet (is_final = false), so the figures
   * can still change.
   */
  public record Period(
      Instant from,
      Instant to,
      boolean provisional,
      long transactions,
      long items,
      @Nullable BigDecimal itemsPerTransaction,
      List<CurrencyTotals> currencies) {}

  /**
   * One currency's part of a period. {@code customers} are the distinct customers of the whole
   * period in this currency, counted from its sales ({@code sales_cleaned_unique}), so a customer
   * buying in two minutes or two stores counts once; {@code customerRevenue} is what they spent.
   * Anonymous sales are neither. {@code avgSpendPerCustomer} is customer revenue / customers (null
   * when there is no customer: every sale was anonymous). The other figures and {@code provisional}
   * sum the KPI rows.
   */
  public record CurrencyTotals(
      String currency,
      BigDecimal revenue,
      long transactions,
      long items,
      long customers,
      BigDecimal customerRevenue,
      @Nullable BigDecimal avgSpendPerCustomer,
      boolean provisional) {}

  /**
   * Totals of {@code sales_pipeline_health} over the hour of publish time ending with its newest
   * window. {@code deadLetterRatePercent} = 100 * dead_lettered / events_in.
   */
  public record Health(
      Instant from,
      Instant to,
      boolean provisional,
      long eventsIn,
      long cleaned,
      long deadLettered,
      @Nullable BigDecimal deadLetterRatePercent,
      long duplicates,
      long droppedLate) {}

  /**
   * How far the newest sale's event time ({@code sales_cleaned.event_timestamp}) is behind the
   * server's clock, in whole seconds; negative when simulated event times run ahead of it.
   */
  public record Freshness(Instant now, @Nullable Instant newestEvent, @Nullable Long seconds) {}
}
