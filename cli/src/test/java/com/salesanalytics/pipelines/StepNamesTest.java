package com.salesanalytics.pipelines;

import static com.salesanalytics.TestSales.T0;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.salesanalytics.io.JsonLinesSource;
import com.salesanalytics.io.duckdb.DuckDbWarehouse;
import com.salesanalytics.model.TimeRange;
import com.salesanalytics.transforms.CleanSales;
import com.salesanalytics.transforms.DedupeKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions.CheckEnabled;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * Dataflow matches steps by name when a streaming job is updated, so every step name must be
 * unique and stable. Building with stableUniqueNames=ERROR fails on the first duplicate.
 */
public class StepNamesTest {
  static Pipeline strictPipeline() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setStableUniqueNames(CheckEnabled.ERROR);
    return Pipeline.create(options);
  }

  static List<String> topLevelSteps(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
          names.add(node.getFullName());
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        if (node.getEnclosingNode().isRootNode()) {
          names.add(node.getFullName());
        }
      }
    });
    return names;
  }

  @Test
  public void rawIngestStepsAreUniqueAndNamedForOperators() {
    Pipeline pipeline = strictPipeline();
    RawIngestPipeline.build(pipeline, new JsonLinesSource("in.jsonl"), new DuckDbWarehouse("x.duckdb"));
    assertEquals(List.of("ReadMessages", "WriteSalesRaw", "WriteDeadLetters"), topLevelSteps(pipeline));
  }

  @Test
  public void streamCleanStepsAreUniqueAndNamedForOperators() {
    Pipeline pipeline = strictPipeline();
    StreamCleanPipeline.build(pipeline, new JsonLinesSource("in.jsonl"), new DuckDbWarehouse("x.duckdb"),
        new com.salesanalytics.transforms.SalesAnalytics(CleanSales.streaming(Duration.standardMinutes(10), DedupeKeys.perTransaction()), new com.salesanalytics.transforms.KpiWindowing(Duration.standardMinutes(1), Duration.standardMinutes(10), Duration.standardSeconds(5))));
    assertEquals(List.of("ReadMessages", "SalesAnalytics", "WriteSalesCleaned", "SaleLines", "WriteLineItems",
            "WriteStoreKpis", "WritePipelineHealth", "AllDeadLetters", "WriteDeadLetters"),
        topLevelSteps(pipeline));
  }

  @Test
  public void backfillStepsAreUnique() {
    Pipeline pipeline = strictPipeline();
    BackfillPipeline.build(pipeline, new JsonLinesSource("in.jsonl"), new DuckDbWarehouse("x.duckdb"),
        CleanSales.wholeInput(DedupeKeys.perTransaction()), new TimeRange(T0, T0.plus(Duration.standardDays(1))),
        com.salesanalytics.transforms.RecomputeStoreKpis.keyedLike(Duration.standardMinutes(1), DedupeKeys.perTransaction()));
    assertTrue(topLevelSteps(pipeline).contains("CleanSales"));
  }

  @Test
  public void replayStepsAreUniqueAndNamedForOperators() {
    Pipeline pipeline = strictPipeline();
    DuckDbWarehouse warehouse = new DuckDbWarehouse("x.duckdb");
    ReplayDeadLettersPipeline.build(pipeline, warehouse.readDeadLettersToReplay(new com.salesanalytics.model.DeadLetterSelection(
            List.of(com.salesanalytics.model.ErrorCode.WRITE_FAILED), new TimeRange(T0, T0.plus(Duration.standardDays(1))))),
        warehouse, CleanSales.wholeInput(DedupeKeys.perTransaction()),
        com.salesanalytics.transforms.RecomputeStoreKpis.keyedLike(Duration.standardMinutes(1), DedupeKeys.perTransaction()));
    assertEquals(List.of("ReadDeadLettersToReplay", "Messages", "CleanSales", "ReplaceSalesCleaned", "SaleLines",
            "AddLineItems", "AllDeadLetters", "TouchedKpiWindows", "OnceSalesAndLinesAreApplied", "ReadUniqueSales",
            "RecomputeStoreKpis", "WriteStoreKpis", "WriteRefusedKpis", "DeadLetterByMessage",
            "AfterSalesAndLinesAreApplied", "OfAMessage", "FailureByMessage", "PerMessage", "Outcomes", "RecordReplays"),
        topLevelSteps(pipeline));
  }
}
