package com.salesanalytics.logic;

import com.salesanalytics.model.SaleEvent;

/** The outcome of reading one payload: a valid sale or the reason it is not one. */
public sealed interface ParseResult {

  record Valid(SaleEvent sale) implements ParseResult {}

  record Invalid(Rejection rejection) implements ParseResult {}
}
