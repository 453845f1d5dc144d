package com.salesanalytics.launcher;

import com.salesanalytics.catalog.SalesTemplate;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Everything an operator says about one launch; {@link LaunchRequests} turns it into the API request. */
public record LaunchSpec(
    SalesTemplate template,
    String project,
    String region,
    String specBucket,
    String version,
    String jobName,
    boolean update,
    Map<String, String> parameters,
    @Nullable String serviceAccount,
    @Nullable String tempLocation,
    @Nullable String stagingLocation,
    @Nullable Integer maxWorkers,
    @Nullable String streamingMode,
    @Nullable String subnetwork,
    boolean publicIps,
    Map<String, String> labels,
    @Nullable String kmsKeyName) {

  public LaunchSpec {
    parameters = Map.copyOf(parameters);
    labels = Map.copyOf(labels);
  }
}
