package com.salesanalytics.options;

/** A pipeline fed by Pub/Sub or by files: exactly one of the two. */
public interface SourceOptions extends PubsubInputOptions, FileInputOptions {}
