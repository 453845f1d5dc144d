package com.salesanalytics.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.options.DedupeShardOptions;
import com.salesanalytics.transforms.DedupeKeys;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Which runs count as local, and what dedupe state each runner gets. */
class RunsTest {

  /** Some other runner that happens to share the DirectRunner's simple name. */
  static final class DirectRunner extends PipelineRunner<PipelineResult> {
    @Override
    public PipelineResult run(Pipeline pipeline) {
      throw new UnsupportedOperationException();
    }
  }

  private static PipelineOptions withRunner(Class<? extends PipelineRunner<?>> runner) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(runner);
    return options;
  }

  @Test
  void localRunsHaveOneWorkerPerCoreUnlessTheWorkerCountWasChosen() {
    int cores = Runtime.getRuntime().availableProcessors();
    PipelineOptions byDefault = PipelineOptionsFactory.create();
    Runs.oneWorkerPerCore(byDefault);
    assertEquals(cores, byDefault.as(org.apache.beam.runners.direct.DirectOptions.class).getTargetParallelism());

    PipelineOptions chosen = PipelineOptionsFactory.fromArgs("--targetParallelism=7").create();
    Runs.oneWorkerPerCore(chosen);
    assertEquals(7, chosen.as(org.apache.beam.runners.direct.DirectOptions.class).getTargetParallelism());
  }

  @Test
  void beamsDirectRunnerIsLocal() {
    assertTrue(Runs.isLocal(withRunner(org.apache.beam.runners.direct.DirectRunner.class)));
  }

  @Test
  void aRunnerThatIsOnlyNamedDirectRunnerIsNotLocal() {
    assertFalse(Runs.isLocal(withRunner(DirectRunner.class)));
  }

  @Test
  void dataflowKeysDedupeStatePerTransactionWhateverTheShardOption() {
    PipelineOptions options = withRunner(DataflowRunner.class);
    options.as(DedupeShardOptions.class).setDedupeShards(8);
    assertTrue(StreamCleanPipeline.dedupeKeys(options).isPerTransaction());
  }

  @Test
  void theDirectRunnerShardsDedupeStateAsTheOptionSays() {
    PipelineOptions options = withRunner(org.apache.beam.runners.direct.DirectRunner.class);
    options.as(DedupeShardOptions.class).setDedupeShards(8);
    DedupeKeys keys = StreamCleanPipeline.dedupeKeys(options);
    assertEquals("8 shards", keys.toString());
  }
}
