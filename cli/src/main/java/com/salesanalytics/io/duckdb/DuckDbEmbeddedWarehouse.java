package com.salesanalytics.io.duckdb;

import com.salesanalytics.io.EmbeddedWarehouse;
import com.salesanalytics.io.Warehouse;

/** DuckDB as the embedded default's warehouse; registered in META-INF/services for the pipelines to find. */
public final class DuckDbEmbeddedWarehouse implements EmbeddedWarehouse {

  @Override
  public Warehouse at(String path) {
    return new DuckDbWarehouse(path);
  }

  @Override
  public void open(String path) {
    DuckDbDatabase.openForWriting(path);
  }

  @Override
  public void release(String path) {
    DuckDbDatabase.closeIfOpen(path);
  }
}
