package com.salesanalytics.local;

import static org.junit.Assert.assertEquals;

import com.salesanalytics.io.SimulatorSource;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.simulator.SaleGenerator;
import com.salesanalytics.simulator.SimulatorConfig;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

/** The demo combines raw ingest and stream clean in one graph; their step names must not collide. */
public class DemoStepNamesTest {
  @Test
  public void rawIngestAndStreamCleanShareOneGraphWithUniqueStepNames() {
    var options = PipelineOptionsFactory.create();
    options.setStableUniqueNames(CheckEnabled.ERROR);
    Pipeline pipeline = Pipeline.create(options);
    DemoPipeline.build(pipeline,
        SimulatorSource.live(new SaleGenerator(SimulatorConfig.defaults(1, Instant.EPOCH)), 10),
        new DuckDbWarehouse("x.duckdb"), new com.salesanalytics.transforms.SalesAnalytics(
            CleanSales.streaming(Duration.standardMinutes(10), DedupeKeys.shards(16)),
            new com.salesanalytics.transforms.KpiWindowing(Duration.standardMinutes(1), Duration.standardMinutes(10),
                Duration.standardSeconds(5))));
    assertEquals(List.of("ReadMessages", "WriteSalesRaw", "SalesAnalytics", "WriteSalesCleaned", "SaleLines",
            "WriteLineItems", "WriteStoreKpis", "WritePipelineHealth", "AllDeadLetters",
            "RawAndCleanDeadLetters", "WriteDeadLetters"),
        com.salesanalytics.pipelines.StepNamesTestSupport.topLevelSteps(pipeline));
  }
}
