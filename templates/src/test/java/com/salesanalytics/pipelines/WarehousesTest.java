package com.salesanalytics.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.io.bigquery.BigQueryWarehouse;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WarehousesTest {
  private static RawIngestPipeline.Options options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(RawIngestPipeline.Options.class);
  }

  @ParameterizedTest
  @CsvSource({
    "EXACTLY_ONCE, '', true",
    "AT_LEAST_ONCE, '', false",
    "EXACTLY_ONCE, streaming_mode_at_least_once, false",
    "EXACTLY_ONCE, enable_preflight_validation, true",
  })
  void bigQueryWritesAreExactlyOnceUnlessTheOptionOrTheJobSaysOtherwise(String mode, String serviceOption,
      boolean exactlyOnce) {
    String[] args = serviceOption.isEmpty()
        ? new String[] {"--outputDataset=retail-analytics-prod:sales_data", "--bigQueryWriteMode=" + mode}
        : new String[] {"--outputDataset=retail-analytics-prod:sales_data", "--bigQueryWriteMode=" + mode,
            "--dataflowServiceOptions=" + serviceOption};
    BigQueryWarehouse warehouse = assertInstanceOf(BigQueryWarehouse.class, Warehouses.from(options(args)));
    assertEquals(exactlyOnce, warehouse.exactlyOnce());
  }

  @Test
  void aTemplateLaunchedAtLeastOnceWritesAtLeastOnce() {
    BigQueryWarehouse warehouse = assertInstanceOf(BigQueryWarehouse.class, Warehouses.from(options(
        "--outputDataset=retail-analytics-prod:sales_data", "--experiments=streaming_mode_at_least_once")));
    assertEquals(false, warehouse.exactlyOnce());
  }

  /** This module is what the template images carry: no embedded warehouse is on its classpath. */
  @Test
  void aDuckDbPathWithoutTheEmbeddedWarehouseIsRefusedNamingTheOption() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Warehouses.from(options("--duckdbPath=w.duckdb")));
    assertTrue(refused.getMessage().startsWith("--duckdbPath: "), refused.getMessage());
    assertTrue(refused.getMessage().contains("sales-analytics.jar"), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count());
  }
}
