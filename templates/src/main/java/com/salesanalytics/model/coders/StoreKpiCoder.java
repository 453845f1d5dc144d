package com.salesanalytics.model.coders;

import com.salesanalytics.model.PaneTiming;
import com.salesanalytics.model.ProductSales;
import com.salesanalytics.model.StoreKpi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Encodes a {@link StoreKpi} row field by field; decimals exact, the timing by name. */
public final class StoreKpiCoder extends AtomicCoder<StoreKpi> {
  private static final StoreKpiCoder INSTANCE = new StoreKpiCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final InstantCoder INSTANT = InstantCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final BigDecimalCoder DECIMAL = BigDecimalCoder.of();
  private static final NullableCoder<java.math.BigDecimal> NULLABLE_DECIMAL = NullableCoder.of(DECIMAL);
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();

  public static StoreKpiCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(StoreKpi kpi, OutputStream out) throws IOException {
    STRING.encode(kpi.storeId(), out);
    STRING.encode(kpi.currency(), out);
    INSTANT.encode(kpi.windowStart(), out);
    INSTANT.encode(kpi.windowEnd(), out);
    LONG.encode(kpi.transactions(), out);
    LONG.encode(kpi.items(), out);
    DECIMAL.encode(kpi.revenue(), out);
    DECIMAL.encode(kpi.avgBasket(), out);
    DECIMAL.encode(kpi.itemsPerTransaction(), out);
    LONG.encode(kpi.customers(), out);
    LONG.encode(kpi.anonymousTransactions(), out);
    DECIMAL.encode(kpi.customerRevenue(), out);
    NULLABLE_DECIMAL.encode(kpi.avgSpendPerCustomer(), out);
    LONG.encode((long) kpi.topProducts().size(), out);
    for (ProductSales product : kpi.topProducts()) {
      STRING.encode(product.productId(), out);
      DECIMAL.encode(product.revenue(), out);
      LONG.encode(product.items(), out);
    }
    STRING.encode(kpi.timing().name(), out);
    BOOLEAN.encode(kpi.isFinal(), out);
    LONG.encode(kpi.paneIndex(), out);
    INSTANT.encode(kpi.updatedAt(), out);
  }

  @Override
  public StoreKpi decode(InputStream in) throws IOException {
    String store = STRING.decode(in);
    String currency = STRING.decode(in);
    var windowStart = INSTANT.decode(in);
    var windowEnd = INSTANT.decode(in);
    long transactions = LONG.decode(in);
    long items = LONG.decode(in);
    var revenue = DECIMAL.decode(in);
    var avgBasket = DECIMAL.decode(in);
    var itemsPerTransaction = DECIMAL.decode(in);
    long customers = LONG.decode(in);
    long anonymous = LONG.decode(in);
    var customerRevenue = DECIMAL.decode(in);
    var avgSpend = NULLABLE_DECIMAL.decode(in);
    long count = LONG.decode(in);
    List<ProductSales> top = new ArrayList<>((int) Math.min(count, 16));
    for (long i = 0; i < count; i++) {
      top.add(new ProductSales(STRING.decode(in), DECIMAL.decode(in), LONG.decode(in)));
    }
    return new StoreKpi(store, currency, windowStart, windowEnd, transactions, items, revenue, avgBasket,
        itemsPerTransaction, customers, anonymous, customerRevenue, avgSpend, top, PaneTiming.valueOf(STRING.decode(in)),
        BOOLEAN.decode(in), LONG.decode(in), INSTANT.decode(in));
  }
}
