package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationQuery;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.TableReference;
import java.io.IOException;
import java.util.UUID;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the staging table is loaded, merges it into sales_cleaned with one query job and drops it.
 * The merge is atomic in BigQuery: readers see the target either before or after the backfill.
 */
class RunMergeFn extends DoFn<TableDestination, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(RunMergeFn.class);
  private static final int POLL_ATTEMPTS = Integer.MAX_VALUE;

  private final BigQueryServices services;
  private final TableReference staging;
  private final String mergeSql;

  RunMergeFn(BigQueryServices services, TableReference staging, String mergeSql) {
    this.services = services;
    this.staging = staging;
    this.mergeSql = mergeSql;
  }

  @ProcessElement
  public void process(PipelineOptions options) throws IOException, InterruptedException {
    BigQueryOptions bq = options.as(BigQueryOptions.class);
    if (!stagingExists(bq)) {
      // A load that reports success twice (retried bundle) must not merge twice: the first merge dropped it.
      LOG.info("Staging table {} is gone: already merged", staging.getTableId());
      return;
    }
    JobReference job = new JobReference()
        .setProjectId(staging.getProjectId())
        .setJobId("sales_backfill_merge_" + UUID.randomUUID().toString().replace('-', '_'));
    LOG.info("Merging {} into sales_cleaned with job {}", staging.getTableId(), job.getJobId());
    try (BigQueryServices.JobService jobs = services.getJobService(bq)) {
      jobs.startQueryJob(job, new JobConfigurationQuery().setQuery(mergeSql).setUseLegacySql(false));
      Job done = jobs.pollJob(job, POLL_ATTEMPTS);
      if (done == null || done.getStatus() == null || done.getStatus().getErrorResult() != null) {
        throw new IOException("backfill MERGE job " + job.getJobId() + " failed: "
            + (done == null || done.getStatus() == null ? "no status" : done.getStatus().getErrorResult()));
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("backfill MERGE failed: " + e.getMessage(), e);
    }
    try (BigQueryServices.DatasetService datasets = services.getDatasetService(bq)) {
      datasets.deleteTable(staging);
    } catch (Exception e) {
      LOG.warn("Merged, but could not drop staging table {}: {}", staging.getTableId(), e.getMessage());
    }
    LOG.info("Backfill merged into sales_cleaned; staging table {} dropped", staging.getTableId());
  }

  private boolean stagingExists(BigQueryOptions bq) throws IOException, InterruptedException {
    try (BigQueryServices.DatasetService datasets = services.getDatasetService(bq)) {
      return datasets.getTable(staging) != null;
    } catch (IOException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot look up staging table " + staging.getTableId() + ": " + e.getMessage(), e);
    }
  }
}
