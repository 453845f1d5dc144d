package com.salesanalytics.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gcloud command on each template's page launches the job the way the platform's Terraform does. */
class CatalogExamplesTest {
  private static final Pattern GCLOUD = Pattern.compile("```bash\n(gcloud dataflow flex-template run .*?)\n```",
      Pattern.DOTALL);

  /** The command's flags as gcloud reads them: --name=value, or --name alone for a switch. */
  static Map<String, String> gcloudFlags(SalesTemplate template) {
    Matcher command = GCLOUD.matcher(CatalogDocs.templateMarkdown(template));
    assertTrue(command.find(), template.id() + " has no gcloud command");
    Map<String, String> flags = new LinkedHashMap<>();
    for (String word : command.group(1).replace("\\\n", " ").trim().split("\\s+")) {
      if (word.startsWith("--")) {
        int equals = word.indexOf('=');
        flags.put(equals < 0 ? word : word.substring(0, equals), equals < 0 ? "" : word.substring(equals + 1));
      }
    }
    return flags;
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theCommandRunsInTheProvisionedSubnetworkWithoutExternalIps(SalesTemplate template) {
    Map<String, String> flags = gcloudFlags(template);
    assertEquals("regions/europe-west1/subnetworks/sales-dataflow", flags.get("--subnetwork"));
    assertTrue(flags.containsKey("--disable-public-ips"), flags.toString());
  }

  /** A --parameters=a=1,b=2 flag as a map. */
  private static Map<String, String> parameters(Map<String, String> flags) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : flags.get("--parameters").split(",")) {
      parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    return parameters;
  }

  @ParameterizedTest
  @EnumSource(SalesTemplate.class)
  void theCommandRunsAsTheTemplatesOwnAccount(SalesTemplate template) {
    assertEquals(template.id() + "@retail-analytics-prod.iam.gserviceaccount.com",
        gcloudFlags(template).get("--service-account-email"));
  }

  @Test
  void eachTemplateThatReadsPubSubReadsItsOwnSubscriptionSoNoTwoJobsSplitOnesMessages() {
    Map<String, String> subscriptionByTemplate = new LinkedHashMap<>();
    for (SalesTemplate template : SalesTemplate.values()) {
      String subscription = parameters(gcloudFlags(template)).get("inputSubscription");
      if (subscription != null) {
        subscriptionByTemplate.put(template.id(), subscription);
      }
    }
    assertEquals(Map.of(
        "sales-raw-ingest", "projects/retail-analytics-prod/subscriptions/sales-raw-ingest",
        "sales-stream-clean", "projects/retail-analytics-prod/subscriptions/sales-stream-clean"), subscriptionByTemplate);
  }
}
