package com.salesanalytics.io.bigquery;

import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationQuery;
import com.google.api.services.bigquery.model.JobReference;
import java.io.IOException;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BigQuery query job, started and waited for a bounded time.
 *
 * <p>The job reference must carry the dataset's location: jobs.get finds a job in a single region
 * (e.g. europe-west1) only when asked with that location, and answers 404 otherwise. Beam's own
 * {@code pollJob} swallows that 404 and retries until its attempts run out, which with an unbounded
 * count is forever; so this polls with {@code getJob} (null when not found) against a deadline.
 */
final class QueryJob {
  private static final Logger LOG = LoggerFactory.getLogger(QueryJob.class);

  private QueryJob() {}

  /** First pause between polls; doubled up to the caller's interval, so short jobs return quickly. */
  private static final long FIRST_PAUSE_MILLIS = 100;

  /** Runs the standard-SQL query job; returns it once DONE, or throws saying why not. */
  static Job run(BigQueryServices.JobService jobs, JobReference job, String sql, Duration maxWait, Duration pollEvery)
      throws IOException, InterruptedException {
    long pauseMillis = Math.min(FIRST_PAUSE_MILLIS, pollEvery.getMillis());
    jobs.startQueryJob(job, new JobConfigurationQuery().setQuery(sql).setUseLegacySql(false));
    Instant deadline = Instant.now().plus(maxWait);
    Instant nextLog = Instant.now();
    while (true) {
      Job current = jobs.getJob(job);
      if (current == null) {
        throw new IOException("BigQuery cannot find job " + job.getJobId() + " in location " + job.getLocation()
            + " (project " + job.getProjectId() + "); it was started there a moment ago");
      }
      String state = current.getStatus() == null ? "UNKNOWN" : current.getStatus().getState();
      boolean failed = current.getStatus() != null && current.getStatus().getErrorResult() != null;
      if ("DONE".equals(state) || failed) {
        if (failed) {
          throw new IOException("BigQuery job " + job.getJobId() + " in " + job.getLocation() + " failed: "
              + current.getStatus().getErrorResult().getMessage()
              + " (reason " + current.getStatus().getErrorResult().getReason() + ")");
        }
        return current;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new IOException("BigQuery job " + job.getJobId() + " in " + job.getLocation() + " did not finish within "
            + maxWait.getStandardMinutes() + " min (" + maxWait + "), still " + state + "; see `bq show -j --location="
            + job.getLocation() + " " + job.getJobId() + "` and cancel it with `bq cancel` before re-running");
      }
      if (!Instant.now().isBefore(nextLog)) {
        LOG.info("BigQuery job {} in {} is {}", job.getJobId(), job.getLocation(), state);
        nextLog = Instant.now().plus(Duration.standardMinutes(1));
      }
      Thread.sleep(pauseMillis);
      pauseMillis = Math.min(pauseMillis * 2, pollEvery.getMillis());
    }
  }
}
