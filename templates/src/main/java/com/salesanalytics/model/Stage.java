package com.salesanalytics.model;

import java.util.Locale;

/** Where in the pipeline an event failed; stored lower-case in {@code sales_dead_letter.stage}. */
public enum Stage {
  PARSE,
  VALIDATE,
  WRITE;

  public String columnValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
