package com.salesanalytics.model;

import java.math.BigDecimal;

/** One validated line of a sale: a product, how many, and the exact unit price. */
public record LineItem(String productId, long quantity, BigDecimal unitPrice) implements java.io.Serializable {}
