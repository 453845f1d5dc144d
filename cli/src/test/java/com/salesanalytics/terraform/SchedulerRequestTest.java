package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.dataflow.v1beta3.LaunchFlexTemplateRequest;
import com.google.protobuf.util.JsonFormat;
import com.salesanalytics.launcher.LaunchCommand;
import com.salesanalytics.launcher.LaunchRequests;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cloud Scheduler's daily backfill sends exactly the request `launch sales-backfill --dry-run`
 * builds: the Terraform request, with its few references resolved for one example deployment,
 * equals the launcher's.
 */
class SchedulerRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> VARS = Map.of(
      "project_id", "retail-analytics-prod", "region", "europe-west1", "template_version", "0.1.0",
      "use_public_ips", false,
      "kms_key_name", "projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data");
  private static final Pattern INNERMOST = Pattern.compile("\\$\\{([^${}]*)}");
  private static final Pattern COALESCE = Pattern.compile("coalesce\\(var\\.(\\w+), \"([^\"]*)\"\\)");
  private static final Pattern KEYED_ACCOUNT_EMAIL = Pattern.compile("google_service_account\\.(\\w+)\\[\"([^\"]+)\"]\\.email");
  private static final Pattern CONDITIONAL = Pattern.compile("var\\.(\\w+) \\? \"([^\"]*)\" : \"([^\"]*)\"");

  /** Resolves ${...} references of the kinds the request uses; a string that is one null expression is null. */
  static JsonNode resolve(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      node.fields().forEachRemaining(f -> out.set(f.getKey(), resolve(f.getValue())));
      return out;
    }
    if (!node.isTextual()) {
      return node;
    }
    String text = node.asText();
    for (Matcher m = INNERMOST.matcher(text); m.find(); m = INNERMOST.matcher(text)) {
      Object value = evaluate(m.group(1));
      if (value == null && m.group(0).equals(text)) {
        return NullNode.getInstance();
      }
      text = text.substring(0, m.start()) + value + text.substring(m.end());
    }
    return TextNode.valueOf(text);
  }

  private static Object evaluate(String expression) {
    Matcher coalesce = COALESCE.matcher(expression);
    if (coalesce.matches()) {
      Object value = VARS.get(coalesce.group(1));
      return value != null ? value : coalesce.group(2);
    }
    Matcher conditional = CONDITIONAL.matcher(expression);
    if (conditional.matches()) {
      return Boolean.TRUE.equals(VARS.get(conditional.group(1))) ? conditional.group(2) : conditional.group(3);
    }
    if (expression.startsWith("var.")) {
      return VARS.get(expression.substring(4));
    }
    if (expression.startsWith("local.")) {
      return resolve(Terraform.local(expression.substring(6))).asText(null);
    }
    Matcher keyedAccount = KEYED_ACCOUNT_EMAIL.matcher(expression);
    if (keyedAccount.matches()) {
      Terraform.Block accounts = Terraform.resources("google_service_account").stream()
          .filter(b -> b.name().equals(keyedAccount.group(1))).findFirst().orElseThrow();
      assertEquals("${each.key}", accounts.text("account_id"), "an account keyed by for_each is named by its key");
      return keyedAccount.group(2) + "@" + VARS.get("project_id") + ".iam.gserviceaccount.com";
    }
    String[] parts = expression.split("\\.");
    if (parts.length == 3 && parts[0].equals("google_service_account") && parts[2].equals("email")) {
      return attribute(parts[0], parts[1], "account_id") + "@" + VARS.get("project_id") + ".iam.gserviceaccount.com";
    }
    if (parts.length == 3) {
      return attribute(parts[0], parts[1], parts[2]);
    }
    throw new AssertionError("the test cannot resolve ${" + expression + "}; extend it or simplify the Terraform");
  }

  private static String attribute(String type, String name, String attribute) {
    Terraform.Block block = Terraform.resources(type).stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + "." + name));
    return resolve(block.body().get(attribute)).asText();
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      node.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          out.set(f.getKey(), withoutNulls(f.getValue()));
        }
      });
      return out;
    }
    return node;
  }

  @Test
  void theDailyBackfillRequestIsTheLaunchersDryRunRequest() throws Exception {
    JsonNode scheduled = withoutNulls(resolve(Terraform.local("backfill_launch_request")));
    String bucket = attribute("google_storage_bucket", "templates", "name");
    String temp = attribute("google_storage_bucket", "temp", "name");
    LaunchFlexTemplateRequest launcher = LaunchRequests.build(LaunchCommand.parse(new String[] {
        "sales-backfill", "--project=retail-analytics-prod", "--region=europe-west1", "--spec-bucket=" + bucket,
        "--version=0.1.0", "--job-name=sales-backfill-daily",
        "--param", "outputDataset=retail-analytics-prod:sales_data", "--param", "from=today-1d", "--param", "to=today",
        "--temp-location=gs://" + temp + "/tmp", "--staging-location=gs://" + temp + "/staging",
        "--max-workers=10", "--label", "app=sales-analytics",
        "--kms-key=projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data"}));

    JsonNode dryRun = JSON.readTree(JsonFormat.printer().print(launcher));
    assertEquals(dryRun.get("launchParameter"), scheduled.get("launchParameter"));

    Terraform.Block job = Terraform.resources("google_cloud_scheduler_job").get(0);
    JsonNode target = job.body().get("http_target").get(0);
    assertEquals("https://dataflow.googleapis.com/v1b3/projects/" + launcher.getProjectId() + "/locations/"
        + launcher.getLocation() + "/flexTemplates:launch", resolve(target.get("uri")).asText());
    assertEquals("POST", target.get("http_method").asText());
    assertEquals("${base64encode(jsonencode(local.backfill_launch_request))}", target.get("body").asText());
  }
}
