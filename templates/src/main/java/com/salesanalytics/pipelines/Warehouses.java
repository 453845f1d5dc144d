package com.salesanalytics.pipelines;

import com.salesanalytics.io.Warehouse;
import com.salesanalytics.io.bigquery.BigQueryTarget;
import com.salesanalytics.io.bigquery.BigQueryWarehouse;
import com.salesanalytics.io.duckdb.DuckDbDatabase;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.options.BigQueryOutputOptions.WriteMode;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.WarehouseOptions;

/** The warehouse a pipeline's options ask for. */
final class Warehouses {
  private Warehouses() {}

  static Warehouse from(WarehouseOptions options) {
    OptionChecks.exactlyOne("outputDataset", options.getOutputDataset(), "duckdbPath", options.getDuckdbPath());
    if (OptionChecks.isSet(options.getDuckdbPath())) {
      return new DuckDbWarehouse(options.getDuckdbPath());
    }
    BigQueryTarget target;
    try {
      target = BigQueryTarget.parse(options.getOutputDataset());
    } catch (IllegalArgumentException e) {
      throw OptionChecks.invalid("outputDataset", e.getMessage());
    }
    return BigQueryWarehouse.of(target, options.getBigQueryWriteMode() == WriteMode.EXACTLY_ONCE);
  }

  /** Releases the DuckDB file after a local run, so other tools can open it. */
  static void release(Warehouse warehouse) {
    if (warehouse instanceof DuckDbWarehouse duckDb) {
      DuckDbDatabase.closeIfOpen(duckDb.path());
    }
  }
}
