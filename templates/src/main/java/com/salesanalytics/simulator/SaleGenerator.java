package com.salesanalytics.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesanalytics.model.ErrorCode;
import com.salesanalytics.simulator.SimulatedEvent.Kind;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Realistic sales transactions as a pure function of (config, index): event n is the same on every
 * machine and every run, can be computed out of order, and needs no state, which is what lets
 * Beam generate it in parallel and lets tests recompute the expected results independently.
 */
public final class SaleGenerator implements Serializable {
  /** A duplicate re-sends one of the previous few events, as a publisher retry would. */
  static final int DUPLICATE_LOOKBACK = 5;
  private static final ErrorCode[] BREAKABLE_RULES = {
    ErrorCode.INVALID_JSON, ErrorCode.MISSING_FIELD, ErrorCode.INVALID_FIELD, ErrorCode.INVALID_TIMESTAMP,
    ErrorCode.EMPTY_ITEMS, ErrorCode.INVALID_QUANTITY, ErrorCode.INVALID_PRICE, ErrorCode.INVALID_CURRENCY
  };
  private static final String[] PAYMENT_METHODS = {"card", "card", "card", "cash", "mobile", "gift_card"};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final SimulatorConfig config;
  private final Catalog catalog;
  private final long eventsPerDay;
  private final long dayStartMillis;

  public SaleGenerator(SimulatorConfig config) {
    this.config = config;
    this.catalog = new Catalog(config.seed(), config.stores(), config.customers(), config.products());
    this.eventsPerDay = Math.max(1, Math.round(config.eventsPerSecond() * 86_400));
    this.dayStartMillis = config.startTime().getMillis() - Math.floorMod(config.startTime().getMillis(), 86_400_000L);
  }

  public SimulatorConfig config() {
    return config;
  }

  public SimulatedEvent event(long index) {
    return event(index, true);
  }

  /**
   * Event {@code index} as {@link #event} gives it but with an empty payload: every choice is drawn
   * the same, only the JSON (most of the cost) is not written. What a tally needs.
   */
  SimulatedEvent withoutPayload(long index) {
    return event(index, false);
  }

  private SimulatedEvent event(long index, boolean render) {
    Kind kind = kindOf(index);
    if (kind == Kind.DUPLICATE) {
      for (long back = 1; back <= DUPLICATE_LOOKBACK && index - back >= 0; back++) {
        Kind earlier = kindOf(index - back);
        if (earlier == Kind.VALID || earlier == Kind.LATE) {
          SimulatedEvent original = sale(index - back, earlier, render);
          return new SimulatedEvent(index, Kind.DUPLICATE, null, original.transactionId(), original.payload(),
              messageId(index), publishTime(index), original.totalItems(), original.totalAmount());
        }
      }
      kind = Kind.VALID; // nothing recent to re-send: this one goes out as a fresh sale
    }
    return sale(index, kind, render);
  }

  /** Simulated publish time: the day's rhythm spread over eventsPerSecond × 86,400 events a day. */
  public Instant publishTime(long index) {
    long day = index / eventsPerDay;
    double fraction = ((index % eventsPerDay) + 0.5) / eventsPerDay;
    return new Instant(dayStartMillis + day * 86_400_000L + DailyRhythm.millisIntoDay(fraction));
  }

  public String messageId(long index) {
    return "sim-" + config.seed() + "-" + index;
  }

  Kind kindOf(long index) {
    double u = random(index).nextDouble();
    if (u < config.invalidRatio()) {
      return Kind.INVALID;
    }
    if (u < config.invalidRatio() + config.duplicateRatio()) {
      return Kind.DUPLICATE;
    }
    return u < config.invalidRatio() + config.duplicateRatio() + config.lateRatio() ? Kind.LATE : Kind.VALID;
  }

  private SplittableRandom random(long index) {
    return new SplittableRandom(mix(config.seed() * 0x9E3779B97F4A7C15L + index));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The sale of {@code index}; its JSON only if {@code render} (the random draws are the same either way). */
  private SimulatedEvent sale(long index, Kind kind, boolean render) {
    SplittableRandom random = random(index);
    random.nextDouble(); // the draw kindOf used
    String transactionId = Catalog.numbered("t-" + config.seed() + "-", index, 8);
    Instant publishTime = publishTime(index);
    Instant eventTime = kind == Kind.LATE
        ? publishTime.minus(Duration.standardSeconds(120 + random.nextInt(43 * 60)))
        : publishTime;

    ObjectNode sale = render ? NODES.objectNode() : null;
    String store = catalog.store(random);
    double who = random.nextDouble();
    String customer = who < 0.6 ? catalog.customer(random) : null;
    String payment = random.nextDouble() < 0.97 ? PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)] : null;
    boolean currency = random.nextDouble() < 0.9;
    if (render) {
      sale.put("transaction_id", transactionId);
      sale.put("store_id", store);
      if (who < 0.6) {
        sale.put("customer_id", customer);
      } else if (who < 0.8) {
        sale.putNull("customer_id");
      } // else: absent, also anonymous
      sale.put("timestamp", eventTime.toString());
      if (payment != null) {
        sale.put("payment_method", payment);
      }
      if (currency) {
        sale.put("currency", "USD");
      }
    }
    ArrayNode items = render ? sale.putArray("items") : null;
    int lines = 1;
    while (lines < 8 && random.nextDouble() < 0.55) {
      lines++;
    }
    long totalItems = 0;
    BigDecimal totalAmount = BigDecimal.ZERO;
    for (int line = 0; line < lines; line++) {
      int product = catalog.product(random);
      long quantity = quantity(random);
      BigDecimal price = catalog.price(product);
      if (render) {
        ObjectNode item = items.addObject();
        item.put("product_id", catalog.productId(product));
        item.put("quantity", quantity);
        item.put("unit_price", price);
      }
      totalItems += quantity;
      totalAmount = totalAmount.add(price.multiply(BigDecimal.valueOf(quantity)));
    }

    if (kind == Kind.INVALID) {
      ErrorCode rule = BREAKABLE_RULES[random.nextInt(BREAKABLE_RULES.length)];
      String payload = render ? InvalidEvents.breakRule(sale, rule, random) : "";
      return new SimulatedEvent(index, kind, rule, transactionId, payload, messageId(index), publishTime, 0,
          BigDecimal.ZERO);
    }
    return new SimulatedEvent(index, kind, null, transactionId, render ? write(sale) : "", messageId(index),
        publishTime, totalItems, totalAmount);
  }

  private static long quantity(SplittableRandom random) {
    double u = random.nextDouble();
    return u < 0.70 ? 1 : u < 0.88 ? 2 : u < 0.95 ? 3 : 4 + random.nextInt(3);
  }

  static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }
}
