package com.salesanalytics.dashboard;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the demo serves its dashboard (the demo's own names, so they cannot clash with a pipeline's). */
public interface DemoDashboardOptions extends PipelineOptions {
  @Description("Address the demo's dashboard listens on. 127.0.0.1 keeps it to this machine.")
  @Default.String(ListenAddress.DEFAULT_HOST)
  String getDashboardHost();

  void setDashboardHost(String value);

  @Description("Port of the demo's dashboard; 0 picks a free one (the demo prints the URL).")
  @Default.Integer(ListenAddress.DEFAULT_PORT)
  Integer getDashboardPort();

  void setDashboardPort(Integer value);

  /** The checked address; a bad value is a one-line error naming the option. */
  static ListenAddress listenAddress(DemoDashboardOptions options) {
    return ListenAddress.of("dashboardHost", options.getDashboardHost(), "dashboardPort", options.getDashboardPort());
  }
}
