package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesanalytics.catalog.PlatformNames;
import com.salesanalytics.catalog.SalesTemplate;
import com.salesanalytics.catalog.TemplateParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Who runs each pipeline on Dataflow, and what that account may read and write: every template
 * runs as its own account, named like it, and reads only its own subscription, so no two jobs
 * split a subscription's messages and none can touch another's input.
 */
class PipelineAccountsTest {
  private static final String PROJECT = "retail-analytics-prod";

  private static Terraform.Block resource(String type, String name) {
    return Terraform.resources(type).stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + "." + name));
  }

  /** The keys of a local map (its field names) or set (toset([...]) of literals). */
  private static Set<String> keysOf(String forEach) {
    if (forEach.startsWith("${local.")) {
      Set<String> keys = new TreeSet<>();
      Terraform.local(forEach.substring(8, forEach.length() - 1)).fieldNames().forEachRemaining(keys::add);
      return keys;
    }
    java.util.regex.Matcher literal = java.util.regex.Pattern.compile("\"([a-z-]+)\"").matcher(forEach);
    Set<String> keys = new TreeSet<>();
    while (literal.find()) {
      keys.add(literal.group(1));
    }
    return keys;
  }

  private static Set<String> templateIds() {
    return Arrays.stream(SalesTemplate.values()).map(SalesTemplate::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> templatesReadingPubSub() {
    return Arrays.stream(SalesTemplate.values())
        .filter(t -> TemplateParameters.of(t.optionsInterface()).stream().anyMatch(p -> p.name().equals("inputSubscription")))
        .map(SalesTemplate::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String member(String template) {
    return "${local.pipeline_members[\"" + template + "\"]}";
  }

  @Test
  void everyTemplateRunsAsItsOwnAccountNamedLikeIt() {
    Terraform.Block accounts = resource("google_service_account", "pipelines");
    assertEquals("${each.key}", accounts.text("account_id"));
    assertEquals(templateIds(), keysOf(accounts.text("for_each")));
    for (Terraform.Block job : Terraform.resources("google_dataflow_flex_template_job")) {
      assertEquals("${google_service_account.pipelines[each.key].email}", job.text("service_account_email"), job.where());
      assertEquals("${each.key}", job.text("name"), job.where());
    }
    JsonNode scheduled = Terraform.local("backfill_launch_request").get("launchParameter");
    assertEquals("${google_service_account.pipelines[\"sales-backfill\"].email}",
        scheduled.get("environment").get("serviceAccountEmail").asText());
  }

  @Test
  void theLauncherDefaultsToTheAccountTerraformCreatesForEachTemplate() {
    for (SalesTemplate template : SalesTemplate.values()) {
      assertEquals(template.id() + "@" + PROJECT + ".iam.gserviceaccount.com", PlatformNames.serviceAccount(template, PROJECT));
    }
  }

  @Test
  void everySubscriptionIsReadByTheOneTemplateItIsNamedFor() {
    Terraform.Block subscriptions = resource("google_pubsub_subscription", "pipelines");
    assertEquals(templatesReadingPubSub(), keysOf(subscriptions.text("for_each")));
    JsonNode jobs = Terraform.local("streaming_jobs");
    for (String template : templatesReadingPubSub()) {
      assertEquals("${google_pubsub_subscription.pipelines[\"" + template + "\"].id}", jobs.get(template).asText());
    }
    List<String> grants = new ArrayList<>();
    for (Terraform.Block grant : Terraform.resources("google_pubsub_subscription_iam_member")) {
      grants.add(grant.text("role") + " on " + grant.text("for_each") + "[each.key] " + grant.text("subscription")
          + " to " + grant.text("member"));
    }
    assertEquals(List.of(
        "roles/pubsub.subscriber on ${google_pubsub_subscription.pipelines}[each.key] ${each.value.name}"
            + " to ${local.pipeline_members[each.key]}",
        "roles/pubsub.viewer on ${google_pubsub_subscription.pipelines}[each.key] ${each.value.name}"
            + " to ${local.pipeline_members[each.key]}"), grants.stream().sorted().toList());
  }

  @Test
  void onlyTheBackfillAndTheDeadLetterReplayRunBigQueryJobsAndReadSessions() {
    for (Terraform.Block grant : Terraform.resources("google_project_iam_member")) {
      if (grant.text("role").startsWith("roles/bigquery.")) {
        if ("${toset(var.dashboard_viewers)}".equals(grant.text("for_each"))) {
          // People reading the dashboards run their own query jobs (DashboardViewersTest); no pipeline account.
          assertEquals("roles/bigquery.jobUser", grant.text("role"), grant.where());
          continue;
        }
        assertTrue(java.util.Set.of(member("sales-backfill"), member("sales-replay-dead-letters"))
            .contains(grant.text("member")), grant.where());
      }
    }
  }

  @Test
  void theSchedulerMayActOnlyAsTheBackfillsAccount() {
    List<String> actingAs = Terraform.resources("google_service_account_iam_member").stream()
        .filter(g -> "${local.scheduler}".equals(g.text("member"))).map(g -> g.text("service_account_id")).toList();
    assertEquals(List.of("${google_service_account.pipelines[\"sales-backfill\"].name}"), actingAs);
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

  /** "subscription -> member" for every grant of a role on a subscription. */
  private static Set<String> subscriptionGrants(String role) {
    return Terraform.resources("google_pubsub_subscription_iam_member").stream()
        .filter(g -> role.equals(g.text("role")))
        .map(g -> g.text("for_each") + ": " + g.text("subscription") + " -> " + g.text("member"))
        .collect(Collectors.toSet());
  }
}
