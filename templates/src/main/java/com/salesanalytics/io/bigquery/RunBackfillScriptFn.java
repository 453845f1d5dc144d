package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.Dataset;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.TableReference;
import java.io.IOException;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a staging table is loaded, runs the backfill's SQL for it (see {@code BackfillReplace}) as
 * one query job and drops the staging table. The SQL is one transaction or one statement: readers
 * see the target either before or after it.
 */
class RunBackfillScriptFn extends DoFn<TableDestination, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(RunBackfillScriptFn.class);
  /** The script over a day's partitions takes minutes; this long means something is wrong. */
  static final Duration MAX_WAIT = Duration.standardHours(2);
  private static final Duration POLL_EVERY = Duration.standardSeconds(5);

  private final BigQueryServices services;
  /** As a record of strings: TableReference is a GenericJson, which Java cannot serialise. */
  private final BigQueryTarget target;
  private final String stagingTable;
  private final String script;

  RunBackfillScriptFn(BigQueryServices services, BigQueryTarget target, String stagingTable, String script) {
    this.services = services;
    this.target = target;
    this.stagingTable = stagingTable;
    this.script = script;
  }

  @ProcessElement
  public void process(PipelineOptions options) throws IOException, InterruptedException {
    BigQueryOptions bq = options.as(BigQueryOptions.class);
    TableReference staging = target.table(stagingTable);
    if (!stagingExists(bq, staging)) {
      // A load that reports success twice (retried bundle): the first run already replaced and dropped it.
      LOG.info("Staging table {} is gone: it was already applied", staging.getTableId());
      return;
    }
    JobReference job = new JobReference()
        .setProjectId(staging.getProjectId())
        .setJobId("sales_backfill_" + UUID.randomUUID().toString().replace('-', '_'))
        .setLocation(datasetLocation(bq, staging));
    LOG.info("Applying staging table {} with job {} in {}", staging.getTableId(), job.getJobId(), job.getLocation());
    try (BigQueryServices.JobService jobs = services.getJobService(bq)) {
      QueryJob.run(jobs, job, script, MAX_WAIT, POLL_EVERY);
    } catch (IOException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("backfill script failed: " + e.getMessage(), e);
    }
    try (BigQueryServices.DatasetService datasets = services.getDatasetService(bq)) {
      datasets.deleteTable(staging);
    } catch (Exception e) {
      LOG.warn("Applied, but could not drop staging table {}: {}", staging.getTableId(), e.getMessage());
    }
    LOG.info("Backfill applied staging table {} and dropped it", staging.getTableId());
  }

  /** Query jobs run where the dataset lives; BigQuery cannot find a single-region job without it. */
  private String datasetLocation(BigQueryOptions bq, TableReference staging) throws IOException, InterruptedException {
    try (BigQueryServices.DatasetService datasets = services.getDatasetService(bq)) {
      Dataset dataset = datasets.getDataset(staging.getProjectId(), staging.getDatasetId());
      if (dataset == null || dataset.getLocation() == null) {
        throw new IOException("cannot find the location of dataset " + staging.getProjectId() + ":"
            + staging.getDatasetId());
      }
      return dataset.getLocation();
    } catch (IOException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot look up dataset " + staging.getDatasetId() + ": " + e.getMessage(), e);
    }
  }

  private boolean stagingExists(BigQueryOptions bq, TableReference staging) throws IOException, InterruptedException {
    try (BigQueryServices.DatasetService datasets = services.getDatasetService(bq)) {
      return datasets.getTable(staging) != null;
    } catch (IOException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot look up staging table " + staging.getTableId() + ": " + e.getMessage(), e);
    }
  }
}
