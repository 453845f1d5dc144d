package com.salesanalytics.simulator;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * The simulated retail world: stores, customers and products with stable prices. Product and
 * store popularity follow Zipf-like laws (a few best sellers, a long tail).
 */
final class Catalog implements Serializable {
  private static final double PRODUCT_ZIPF_EXPONENT = 1.07;
  private static final double STORE_ZIPF_EXPONENT = 0.5;

  private final BigDecimal[] prices;
  private final double[] productCumulative;
  private final double[] storeCumulative;
  private final int customers;

  Catalog(long seed, int stores, int customers, int products) {
    this.customers = customers;
    this.prices = new BigDecimal[products];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int p = 0; p < products; p++) {
      prices[p] = shelfPrice(random);
    }
    this.productCumulative = zipfCumulative(products, PRODUCT_ZIPF_EXPONENT);
    this.storeCumulative = zipfCumulative(stores, STORE_ZIPF_EXPONENT);
  }

  /** Log-normal around a few dollars, ending in .49, .99 or .00 like real shelf prices. */
  private static BigDecimal shelfPrice(SplittableRandom random) {
    double dollars = Math.exp(1.4 + 0.9 * gaussian(random));
    long whole = Math.max(0, Math.round(Math.floor(dollars)));
    String[] endings = {"0.49", "0.99", "0.00"};
    return new BigDecimal(whole).add(new BigDecimal(endings[random.nextInt(endings.length)]))
        .setScale(2, RoundingMode.UNNECESSARY);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double[] zipfCumulative(int n, double exponent) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += 1.0 / Math.pow(rank, exponent);
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  int product(SplittableRandom random) {
    return pick(productCumulative, random.nextDouble());
  }

  String productId(int product) {
    return numbered("p-", product + 1, 4);
  }

  BigDecimal price(int product) {
    return prices[product];
  }

  String store(SplittableRandom random) {
    return numbered("store-", pick(storeCumulative, random.nextDouble()) + 1, 2);
  }

  String customer(SplittableRandom random) {
    return numbered("c-", random.nextInt(customers) + 1, 5);
  }

  /**
   * {@code prefix} and {@code number} zero-padded to {@code digits}, as {@code %0<digits>d} writes a
   * non-negative number; String.format's parsing of its pattern was a fifth of the simulator's time.
   */
  static String numbered(String prefix, long number, int digits) {
    String text = Long.toString(number);
    StringBuilder out = new StringBuilder(prefix.length() + Math.max(digits, text.length())).append(prefix);
    for (int pad = text.length(); pad < digits; pad++) {
      out.append('0');
    }
    return out.append(text).toString();
  }
}
