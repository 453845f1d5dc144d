package com.salesanalytics.io;

import com.salesanalytics.model.RawMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Where the simulator sends its messages when they are not written to a file ({@link SimulatorFile}): a Pub/Sub topic. */
public final class MessageSinks {
  private MessageSinks() {}

  public static PTransform<PCollection<RawMessage>, PDone> pubsub(
      String topic, PubsubClient.@Nullable PubsubClientFactory clientFactory) {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<RawMessage> messages) {
        PubsubIO.Write<PubsubMessage> write = PubsubIO.writeMessages().to(topic);
        if (clientFactory != null) {
          write = write.withClientFactory(clientFactory);
        }
        return messages
            .apply("ToPubsubMessage", MapElements.into(TypeDescriptor.of(PubsubMessage.class))
                .via(m -> new PubsubMessage(m.payload(), m.attributes())))
            .setCoder(PubsubMessageWithAttributesCoder.of())
            .apply("PublishToPubsub", write);
      }
    };
  }

}
