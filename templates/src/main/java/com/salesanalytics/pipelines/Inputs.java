package com.salesanalytics.pipelines;

import com.salesanalytics.io.JsonLinesSource;
import com.salesanalytics.io.LocalFiles;
import com.salesanalytics.io.PubsubSource;
import com.salesanalytics.model.RawMessage;
import com.salesanalytics.options.FileInputOptions;
import com.salesanalytics.options.OptionChecks;
import com.salesanalytics.options.SourceOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/** The source a pipeline's options ask for. */
final class Inputs {
  private Inputs() {}

  /**
   * Refuses, before anything runs, a local pattern that matches no file: Beam would fail the run
   * after it started, or, for a directory, skip it and report a run of no events as done.
   */
  static void checkFiles(FileInputOptions options) {
    if (OptionChecks.isSet(options.getInputFilePattern())) {
      LocalFiles.checkMatchesFiles("inputFilePattern", options.getInputFilePattern());
    }
  }

  static PTransform<PBegin, PCollection<RawMessage>> from(SourceOptions options) {
    OptionChecks.exactlyOne("inputSubscription", options.getInputSubscription(),
        "inputFilePattern", options.getInputFilePattern());
    if (OptionChecks.isSet(options.getInputFilePattern())) {
      return new JsonLinesSource(options.getInputFilePattern());
    }
    String subscription = OptionChecks.matching("inputSubscription", options.getInputSubscription(),
        OptionChecks.SUBSCRIPTION, "projects/PROJECT/subscriptions/NAME");
    return PubsubSource.of(subscription, options.getIdAttribute());
  }
}
