package com.salesanalytics.logic;

import com.salesanalytics.model.CleanedSale;
import com.salesanalytics.model.LineItem;
import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.ProductSales;
import com.salesanalytics.model.StoreKpi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.joda.time.Instant;

/**
 * The running totals of one store's sales in one window and one currency, from which a KPI row is
 * computed. Exact: money in BigDecimal, customers as a set of ids (a store sees few customers in a
 * window, so exact counting is cheap; see docs/dashboards.md for why not a sketch).
 */
public final class KpiTotals implements Serializable {
  /**
   * Pinned to the value Java computed before {@link #merge} and the coder were added: the stream's
   * KPI state holds totals Java-serialized (StoreKpis), so a running job must still read them.
   */
  private static final long serialVersionUID = -7185824020745455766L;

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
      products.merge(line.productId(), new ProductSales(line.productId(), amount, line.quantity()), KpiTotals::sum);
    }
  }

  /**
   * Adds totals of other sales (of the same store, window and currency), as if they had been added
   * one by one: every figure is a sum, a count or a set, so the grouping does not matter.
   */
  public void merge(KpiTotals other) {
    transactions += other.transactions;
    items += other.items;
    revenue = revenue.add(other.revenue);
    anonymousTransactions += other.anonymousTransactions;
    customerRevenue = customerRevenue.add(other.customerRevenue);
    customers.addAll(other.customers);
    other.products.values().forEach(p -> products.merge(p.productId(), p, KpiTotals::sum));
  }

  private static ProductSales sum(ProductSales a, ProductSales b) {
    return new ProductSales(a.productId(), a.revenue().add(b.revenue()), a.items() + b.items());
  }

  public long transactions() {
    return transactions;
  }

  /** Totals field by field, for partial totals that cross a shuffle. */
  public static Coder<KpiTotals> coder() {
    return TotalsCoder.INSTANCE;
  }

  private static final class TotalsCoder extends AtomicCoder<KpiTotals> {
    static final TotalsCoder INSTANCE = new TotalsCoder();
    private static final VarLongCoder COUNT = VarLongCoder.of();
    private static final BigDecimalCoder MONEY = BigDecimalCoder.of();
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();

    @Override
    public void encode(KpiTotals totals, OutputStream out) throws IOException {
      COUNT.encode(totals.transactions, out);
      COUNT.encode(totals.items, out);
      MONEY.encode(totals.revenue, out);
      COUNT.encode(totals.anonymousTransactions, out);
      MONEY.encode(totals.customerRevenue, out);
      COUNT.encode((long) totals.customers.size(), out);
      for (String customer : totals.customers) {
        TEXT.encode(customer, out);
      }
      COUNT.encode((long) totals.products.size(), out);
      for (ProductSales product : totals.products.values()) {
        TEXT.encode(product.productId(), out);
        MONEY.encode(product.revenue(), out);
        COUNT.encode(product.items(), out);
      }
    }

    @Override
    public KpiTotals decode(InputStream in) throws IOException {
      KpiTotals totals = new KpiTotals();
      totals.transactions = COUNT.decode(in);
      totals.items = COUNT.decode(in);
      totals.revenue = MONEY.decode(in);
      totals.anonymousTransactions = COUNT.decode(in);
      totals.customerRevenue = MONEY.decode(in);
      for (long i = COUNT.decode(in); i > 0; i--) {
        totals.customers.add(TEXT.decode(in));
      }
      for (long i = COUNT.decode(in); i > 0; i--) {
        String productId = TEXT.decode(in);
        totals.products.put(productId, new ProductSales(productId, MONEY.decode(in), COUNT.decode(in)));
      }
      return totals;
    }
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
