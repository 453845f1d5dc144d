package com.salesanalytics.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The CLI carries DuckDB, and the pipelines find it by its service registration. */
class EmbeddedWarehouseTest {
  @Test
  void aDuckDbPathChoosesTheEmbeddedWarehouse() {
    RawIngestPipeline.Options options =
        PipelineOptionsFactory.fromArgs("--duckdbPath=w.duckdb").as(RawIngestPipeline.Options.class);
    DuckDbWarehouse warehouse = assertInstanceOf(DuckDbWarehouse.class, Warehouses.from(options));
    assertEquals("w.duckdb", warehouse.path());
  }
}
