package com.salesanalytics.io;

import com.salesanalytics.model.RawMessage;
import com.salesanalytics.model.coders.RawMessageCoder;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Reads a Pub/Sub subscription, keeping each message's id, attributes and publish time (the element
 * timestamp PubsubIO assigns). With an id attribute, Pub/Sub's own dedupe uses it instead of the
 * message id.
 */
public final class PubsubSource extends PTransform<PBegin, PCollection<RawMessage>> {
  private final String subscription;
  private final @Nullable String idAttribute;
  private final SerializableFunction<PubsubIO.Read<PubsubMessage>, PubsubIO.Read<PubsubMessage>> configure;

  private PubsubSource(String subscription, @Nullable String idAttribute,
      SerializableFunction<PubsubIO.Read<PubsubMessage>, PubsubIO.Read<PubsubMessage>> configure) {
    this.subscription = subscription;
    this.idAttribute = idAttribute;
    this.configure = configure;
  }

  public static PubsubSource of(String subscription, @Nullable String idAttribute) {
    return new PubsubSource(subscription, idAttribute, read -> read);
  }

  /**
   * The same source with its PubsubIO read further configured (another client factory, a clock),
   * as PubsubIO itself allows; Beam's PubsubTestClient is wired in this way.
   */
  public PubsubSource configuredBy(
      SerializableFunction<PubsubIO.Read<PubsubMessage>, PubsubIO.Read<PubsubMessage>> configure) {
    return new PubsubSource(subscription, idAttribute, configure);
  }

  @Override
  public PCollection<RawMessage> expand(PBegin begin) {
    PubsubIO.Read<PubsubMessage> read =
        PubsubIO.readMessagesWithAttributesAndMessageId().fromSubscription(subscription);
    if (idAttribute != null && !idAttribute.isBlank()) {
      read = read.withIdAttribute(idAttribute);
    }
    return begin
        .apply("ReadPubsub", configure.apply(read))
        .apply("ToRawMessage", ParDo.of(new ToRawMessageFn()))
        .setCoder(RawMessageCoder.of());
  }

  private static class ToRawMessageFn extends DoFn<PubsubMessage, RawMessage> {
    @ProcessElement
    public void process(@Element PubsubMessage message, @Timestamp Instant publishTime,
        OutputReceiver<RawMessage> out) {
      byte[] payload = message.getPayload() == null ? new byte[0] : message.getPayload();
      // Pub/Sub always assigns an id; should a client ever leave it out, the content stands in for it.
      String id = message.getMessageId() != null ? message.getMessageId()
          : "sha256:" + org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing.sha256()
              .hashBytes(payload).toString() + "@" + publishTime.getMillis();
      out.output(new RawMessage(payload, id, publishTime, message.getAttributeMap()));
    }
  }
}
