package com.salesanalytics.io;

/**
 * The warehouse of the embedded default, a file on this machine (DuckDB). It is found with
 * {@link java.util.ServiceLoader} rather than named, because it lives in the CLI jar and not in the
 * template images: Dataflow jobs write BigQuery and have no use for an 80 MB embedded database.
 */
public interface EmbeddedWarehouse {

  /** The warehouse kept in the file at {@code path}, created if missing. */
  Warehouse at(String path);

  /**
   * Opens the file at {@code path} for this run, creating it if missing, before the run starts: a
   * path it cannot use (a directory, not a database, held by another process) is an
   * {@link IllegalArgumentException} naming {@code --duckdbPath}, instead of a failure at the run's
   * first write.
   */
  void open(String path);

  /** Lets other tools open the file at {@code path} once a local run has finished. */
  void release(String path);
}
