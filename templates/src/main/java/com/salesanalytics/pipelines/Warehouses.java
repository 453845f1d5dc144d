package com.salesanalytics.pipelines;

import com.salesanalytics.io.EmbeddedWarehouse;
import com.salesanalytics.io.Warehouse;
import com.salesanalytics.io.bigquery.BigQueryTarget;
import com.salesanalytics.io.bigquery.BigQueryWarehouse;
import com.salesanalytics.options.BigQueryOutputOptions.WriteMode;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.WarehouseOptions;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/** The warehouse a pipeline's options ask for. */
final class Warehouses {
  static final String AT_LEAST_ONCE_SERVICE_OPTION = "streaming_mode_at_least_once";
  private Warehouses() {}

  static Warehouse from(WarehouseOptions options) {
    OptionChecks.exactlyOne("outputDataset", options.getOutputDataset(), "duckdbPath", options.getDuckdbPath());
    if (OptionChecks.isSet(options.getDuckdbPath())) {
      return embedded().orElseThrow(() -> OptionChecks.invalid("duckdbPath",
              "the embedded DuckDB warehouse is not part of this build (template images write BigQuery); "
                  + "run local pipelines from the CLI jar, cli/target/sales-analytics.jar"))
          .at(options.getDuckdbPath());
    }
    BigQueryTarget target;
    try {
      target = BigQueryTarget.parse(options.getOutputDataset());
    } catch (IllegalArgumentException e) {
      throw OptionChecks.invalid("outputDataset", e.getMessage());
    }
    return BigQueryWarehouse.of(target,
        options.getBigQueryWriteMode() == WriteMode.EXACTLY_ONCE && !isAtLeastOnceJob(options));
  }

  /**
   * A Dataflow job launched in at-least-once streaming mode gains nothing from exactly-once
   * writes but pays for them, so BigQuery writes follow the job's mode.
   */
  static boolean isAtLeastOnceJob(PipelineOptions options) {
    // Set as a service option (--dataflowServiceOptions) or, by template launches, as an experiment.
    List<String> serviceOptions = options.as(DataflowPipelineOptions.class).getDataflowServiceOptions();
    return (serviceOptions != null && serviceOptions.contains(AT_LEAST_ONCE_SERVICE_OPTION))
        || ExperimentalOptions.hasExperiment(options, AT_LEAST_ONCE_SERVICE_OPTION);
  }

  /**
   * Opens the embedded warehouse's file now, if the options name one. Called once every other
   * option is checked, so that a mistake in those leaves no new file behind.
   */
  static void open(WarehouseOptions options) {
    if (OptionChecks.isSet(options.getDuckdbPath())) {
      embedded().ifPresent(embedded -> embedded.open(options.getDuckdbPath()));
    }
  }

  /** Releases the embedded warehouse's file after a local run, so other tools can open it. */
  static void release(WarehouseOptions options) {
    if (OptionChecks.isSet(options.getDuckdbPath())) {
      embedded().ifPresent(embedded -> embedded.release(options.getDuckdbPath()));
    }
  }

  private static Optional<EmbeddedWarehouse> embedded() {
    return ServiceLoader.load(EmbeddedWarehouse.class, Warehouses.class.getClassLoader()).findFirst();
  }
}
