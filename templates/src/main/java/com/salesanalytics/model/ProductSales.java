package com.salesanalytics.model;

import java.math.BigDecimal;

/** One product's exact revenue and units in a window. */
public record ProductSales(String productId, BigDecimal revenue, long items) implements java.io.Serializable {}
