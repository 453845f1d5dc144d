package com.salesanalytics.catalog;

import com.google.dataflow.v1beta3.TemplateMetadata;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

/** The Flex Template metadata of a template, as the Dataflow API defines it. */
public final class TemplateMetadataFactory {
  private TemplateMetadataFactory() {}

  public static TemplateMetadata of(SalesTemplate template) {
    TemplateMetadata.Builder metadata = TemplateMetadata.newBuilder()
        .setName(template.displayName())
        .setDescription(template.description())
        .setStreaming(template.streaming());
    if (template.streaming()) {
      // Exactly-once is the default; at-least-once is cheaper and the pipelines tolerate it
      // (BigQuery writes switch to STORAGE_API_AT_LEAST_ONCE; dedupe still drops redeliveries).
      metadata.setSupportsExactlyOnce(true).setSupportsAtLeastOnce(true).setDefaultStreamingMode("EXACTLY_ONCE");
    }
    TemplateParameters.of(template.optionsInterface()).forEach(p -> metadata.addParameters(p.metadata()));
    return metadata.build();
  }

  /** The metadata file's text: the API's JSON form, two-space indented, ending in a newline. */
  public static String json(SalesTemplate template) {
    try {
      return JsonFormat.printer().print(of(template)) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("metadata always prints", e);
    }
  }
}
