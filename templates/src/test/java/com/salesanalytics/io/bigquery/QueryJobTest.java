package com.salesanalytics.io.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.http.AbstractInputStreamContent;
import com.google.api.services.bigquery.model.ErrorProto;
import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationExtract;
import com.google.api.services.bigquery.model.JobConfigurationLoad;
import com.google.api.services.bigquery.model.JobConfigurationQuery;
import com.google.api.services.bigquery.model.JobConfigurationTableCopy;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.JobStatistics;
import com.google.api.services.bigquery.model.JobStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the backfill waits for its BigQuery job: in the dataset's location, for a bounded time, and
 * failing with a message that names the job, its location and what BigQuery said. Against a job
 * service that behaves as BigQuery does for the cases that matter: a job it cannot find (a
 * single-region job looked up without its location), one that never finishes, one that fails.
 */
class QueryJobTest {
  private static final Duration MAX_WAIT = Duration.millis(300);
  private static final Duration POLL_EVERY = Duration.millis(10);

  private static JobReference job() {
    return new JobReference().setProjectId("retail-analytics-prod").setJobId("sales_backfill_1")
        .setLocation("europe-west1");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aJobThatDoesNotFinishInTimeFailsNamingJobLocationAndState() {
    ScriptedJobs jobs = new ScriptedJobs(new JobStatus().setState("RUNNING"));
    IOException e = assertThrows(IOException.class, () -> QueryJob.run(jobs, job(), "SELECT 1", MAX_WAIT, POLL_EVERY));
    assertTrue(e.getMessage().contains("sales_backfill_1"), e.getMessage());
    assertTrue(e.getMessage().contains("europe-west1"), e.getMessage());
    assertTrue(e.getMessage().contains("RUNNING"), e.getMessage());
    assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aJobBigQueryCannotFindFailsInsteadOfPollingForever() {
    ScriptedJobs jobs = new ScriptedJobs(null); // jobs.get answers 404: Beam returns null
    IOException e = assertThrows(IOException.class, () -> QueryJob.run(jobs, job(), "SELECT 1", MAX_WAIT, POLL_EVERY));
    assertTrue(e.getMessage().contains("cannot find job sales_backfill_1 in location europe-west1"), e.getMessage());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aFailedJobFailsWithBigQuerysReason() {
    ScriptedJobs jobs = new ScriptedJobs(new JobStatus().setState("DONE")
        .setErrorResult(new ErrorProto().setReason("invalidQuery").setMessage("Unrecognized name: cleaned")));
    IOException e = assertThrows(IOException.class, () -> QueryJob.run(jobs, job(), "SELECT 1", MAX_WAIT, POLL_EVERY));
    assertTrue(e.getMessage().contains("Unrecognized name: cleaned"), e.getMessage());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aJobWithAnErrorResultIsFinishedWhateverItsStateSays() {
    // Beam's FakeJobService marks failed jobs "FAILED"; BigQuery says DONE. Either way it is over.
    ScriptedJobs jobs = new ScriptedJobs(new JobStatus().setState("FAILED")
        .setErrorResult(new ErrorProto().setReason("invalidQuery").setMessage("Syntax error")));
    IOException e = assertThrows(IOException.class, () -> QueryJob.run(jobs, job(), "SELECT 1", MAX_WAIT, POLL_EVERY));
    assertTrue(e.getMessage().contains("Syntax error"), e.getMessage());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aJobThatSucceedsIsStartedOnceWithItsLocationAndStandardSql() throws Exception {
    ScriptedJobs jobs = new ScriptedJobs(new JobStatus().setState("DONE"));
    Job done = QueryJob.run(jobs, job(), "SELECT 1", MAX_WAIT, POLL_EVERY);
    assertEquals("DONE", done.getStatus().getState());
    assertEquals(1, jobs.started.size());
    assertEquals("europe-west1", jobs.started.get(0).getLocation());
    assertEquals(Boolean.FALSE, jobs.queries.get(0).getUseLegacySql());
  }

  /** A job service whose jobs.get answers with one fixed status (null: not found). */
  private static final class ScriptedJobs implements BigQueryServices.JobService {
    private final JobStatus status;
    final List<JobReference> started = new ArrayList<>();
    final List<JobConfigurationQuery> queries = new ArrayList<>();

    ScriptedJobs(JobStatus status) {
      this.status = status;
    }

    @Override
    public void startQueryJob(JobReference jobRef, JobConfigurationQuery query) {
      started.add(jobRef);
      queries.add(query);
    }

    @Override
    public Job getJob(JobReference jobRef) {
      return status == null ? null : new Job().setJobReference(jobRef).setStatus(status);
    }

    @Override
    public Job pollJob(JobReference jobRef, int maxAttempts) throws InterruptedException {
      // As Beam's JobServiceImpl: not-found and unfinished are retried until the attempts run out.
      for (int attempt = 0; attempt < maxAttempts; attempt++) {
        Job job = getJob(jobRef);
        if (job != null && "DONE".equals(job.getStatus().getState())) {
          return job;
        }
        Thread.sleep(1);
      }
      return null;
    }

    @Override
    public void startLoadJob(JobReference jobRef, JobConfigurationLoad loadConfig) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void startLoadJob(JobReference jobRef, JobConfigurationLoad loadConfig, AbstractInputStreamContent stream) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void startExtractJob(JobReference jobRef, JobConfigurationExtract extractConfig) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void startCopyJob(JobReference jobRef, JobConfigurationTableCopy copyConfig) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JobStatistics dryRunQuery(String projectId, JobConfigurationQuery queryConfig, String location) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
