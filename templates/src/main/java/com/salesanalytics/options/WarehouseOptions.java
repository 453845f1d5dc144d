package com.salesanalytics.options;

/** A pipeline that writes to BigQuery or to DuckDB: exactly one of the two. */
public interface WarehouseOptions extends BigQueryOutputOptions, DuckDbOptions {}
