package com.salesanalytics.catalog;

import java.util.Set;

/**
 * Names the Terraform module (terraform/) gives to what the templates' jobs use, so that the
 * launcher's defaults and the catalog's examples point at what a deployment actually has. Tests
 * read the Terraform and check it gives these names.
 */
public final class PlatformNames {
  /** The network and subnetwork the module provisions for Dataflow, in the deployment's region. */
  public static final String DATAFLOW_SUBNETWORK = "sales-dataflow";

  /**
   * The streaming jobs Terraform runs, named like their templates. Only Terraform may update them:
   * it tracks each by id, and an update launched elsewhere ends the tracked job (JOB_STATE_UPDATED).
   */
  public static final Set<String> JOBS_RUN_BY_TERRAFORM = Set.of("sales-raw-ingest", "sales-stream-clean");

  private PlatformNames() {}

  /** The subnetwork jobs run in, in the short form Dataflow accepts within the project. */
  public static String subnetwork(String region) {
    return "regions/" + region + "/subnetworks/" + DATAFLOW_SUBNETWORK;
  }

  /** The account a template's jobs run as: named like the template (an id of 6-30 characters). */
  public static String serviceAccount(SalesTemplate template, String project) {
    return template.id() + "@" + project + ".iam.gserviceaccount.com";
  }
}
