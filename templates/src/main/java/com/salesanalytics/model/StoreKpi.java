package com.salesanalytics.model;

import java.math.BigDecimal;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A row of {@code sales_store_kpis}: one result for one store, event-time window and currency.
 * Money is exact; the averages are rounded half-up to cents. {@code avgSpendPerCustomer} is null
 * when every sale of the window was anonymous.
 */
@org.apache.beam.sdk.coders.DefaultCoder(com.salesanalytics.model.coders.StoreKpiCoder.class)
public record StoreKpi(
    String storeId,
    String currency,
    Instant windowStart,
    Instant windowEnd,
    long transactions,
    long items,
    BigDecimal revenue,
    BigDecimal avgBasket,
    BigDecimal itemsPerTransaction,
    long customers,
    long anonymousTransactions,
    BigDecimal customerRevenue,
    @Nullable BigDecimal avgSpendPerCustomer,
    List<ProductSales> topProducts,
    PaneTiming timing,
    boolean isFinal,
    long paneIndex,
    Instant updatedAt) implements java.io.Serializable {

  public StoreKpi {
    topProducts = List.copyOf(topProducts);
  }
}
