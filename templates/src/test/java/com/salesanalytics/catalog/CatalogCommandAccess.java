package com.salesanalytics.catalog;

/** Lets tests in other packages read what `catalog --tsv` prints. */
public final class CatalogCommandAccess {
  private CatalogCommandAccess() {}

  public static String tsv() {
    return CatalogCommand.tsv();
  }
}
