package com.salesanalytics.logic;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.ProductSales;
import com.salesanalytics.model.StoreKpi;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.joda.time.Instant;

/**
 * The running totals of one store's sales in one window and one currency, from which a KPI row is
 * computed. Exact: money in BigDecimal, customers as a set of ids (a store sees few customers in a
 * window, so exact counting is cheap; see docs/dashboards.md for why not a sketch).
 */
public final class KpiTotals implements Serializable {
  /** How many products a KPI row names. */
  public static final int TOP_PRODUCTS = 5;

  private static final Comparator<ProductSales> MOST_REVENUE_FIRST =
      Comparator.comparing(ProductSales::revenue).reversed().thenComparing(ProductSales::productId);

  private long transactions;
  private long items;
  private BigDecimal revenue = BigDecimal.ZERO;
  private long anonymousTransactions;
  private BigDecimal customerRevenue = BigDecimal.ZERO;
  private final Set<String> customers = new TreeSet<>();
  private final Map<String, ProductSales> products = new TreeMap<>();

  /** Adds one sale (of this store, window and currency). */
  public void add(CleanedSale sale) {
    transactions++;
    items += sale.totalItems();
    revenue = revenue.add(sale.totalAmount());
    if (sale.customerId() == null) {
      anonymousTransactions++;
    } else {
      customers.add(sale.customerId());
      customerRevenue = customerRevenue.add(sale.totalAmount());
    }
    for (LineItem line : sale.items()) {
      BigDecimal amount = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
      products.merge(line.productId(), new ProductSales(line.productId(), amount, line.quantity()),
          (a, b) -> new ProductSales(a.productId(), a.revenue().add(b.revenue()), a.items() + b.items()));
    }
  }

  public long transactions() {
    return transactions;
  }

  /** The KPI row of these totals, as the result described by the pane fields. */
  public StoreKpi toKpi(String storeId, String currency, Instant windowStart, Instant windowEnd, PaneTiming timing,
      boolean isFinal, long paneIndex, Instant updatedAt) {
    List<ProductSales> top = products.values().stream().sorted(MOST_REVENUE_FIRST).limit(TOP_PRODUCTS).toList();
    return new StoreKpi(storeId, currency, windowStart, windowEnd, transactions, items, revenue,
        average(revenue, transactions), average(BigDecimal.valueOf(items), transactions), customers.size(),
        anonymousTransactions, customerRevenue, customers.isEmpty() ? null : average(customerRevenue, customers.size()),
        top, timing, isFinal, paneIndex, updatedAt);
  }

  private static BigDecimal average(BigDecimal total, long count) {
    // Cents, rounded as avg_price_per_item is.
    return total.divide(BigDecimal.valueOf(count), SaleTotals.AVERAGE_SCALE, RoundingMode.HALF_UP);
  }
}
