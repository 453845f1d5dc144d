package com.salesanalytics.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** What the simulator generates. */
public interface SimulationOptions extends PipelineOptions {
  @Description("Seed of every random choice; the same seed and --startTime give the same events.")
  @Default.Long(42)
  Long getSeed();

  void setSeed(Long value);

  @Description("Average events per second (the day's rhythm makes noon busier than 3 a.m.).")
  @Default.Double(100)
  Double getEventsPerSecond();

  void setEventsPerSecond(Double value);

  @Description("Stop after this many events; 0 means run until cancelled.")
  @Default.Long(0)
  Long getMaxEvents();

  void setMaxEvents(Long value);

  @Description("Share of events (0-1) that break one rule of the event contract.")
  @Default.Double(0.05)
  Double getInvalidRatio();

  void setInvalidRatio(Double value);

  @Description("Share of events (0-1) that re-send a recent sale under a new message id.")
  @Default.Double(0.03)
  Double getDuplicateRatio();

  void setDuplicateRatio(Double value);

  @Description("Share of events (0-1) whose timestamp lags their publish time by 2 to 45 minutes.")
  @Default.Double(0.02)
  Double getLateRatio();

  void setLateRatio(Double value);

  @Description("Simulated time of the first event, RFC 3339 or a UTC date; the simulated day starts"
      + " at its UTC midnight. Default: today (UTC).")
  String getStartTime();

  void setStartTime(String value);

  @Description("Number of stores.")
  @Default.Integer(25)
  Integer getStores();

  void setStores(Integer value);

  @Description("Number of known customers (about 40% of sales are anonymous).")
  @Default.Integer(5000)
  Integer getCustomers();

  void setCustomers(Integer value);

  @Description("Number of products in the catalog.")
  @Default.Integer(400)
  Integer getProducts();

  void setProducts(Integer value);
}
