package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Who runs each pipeline on Dataflow, and what that account may read and write. */
class PipelineAccountsTest {
  /** "subscription -> member" for every grant of a role on a subscription. */
  private static Set<String> subscriptionGrants(String role) {
    return Terraform.resources("google_pubsub_subscription_iam_member").stream()
        .filter(g -> role.equals(g.text("role")))
        .map(g -> g.text("for_each") + ": " + g.text("subscription") + " -> " + g.text("member"))
        .collect(Collectors.toSet());
  }

  @Test
  void everyAccountThatPullsFromASubscriptionMayAlsoReadItsConfiguration() {
    // Pub/Sub Subscriber holds pubsub.subscriptions.consume but not pubsub.subscriptions.get, which
    // Dataflow's Pub/Sub source calls; Pub/Sub Viewer on the same subscription adds it
    // (https://cloud.google.com/pubsub/docs/access-control).
    Set<String> subscribers = subscriptionGrants("roles/pubsub.subscriber");
    assertFalse(subscribers.isEmpty());
    assertEquals(subscribers, subscriptionGrants("roles/pubsub.viewer"));
  }
}
