package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesanalytics.catalog.PlatformNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Where the jobs and their Flex Template launcher VMs run: both take private IPs by default, so
 * the subnetwork they use must reach Google APIs without them (Private Google Access), and workers
 * must reach each other on Dataflow's ports
 * (https://cloud.google.com/dataflow/docs/guides/routes-firewall).
 */
class TerraformNetworkTest {
  private static final String REGION = "europe-west1";
  private static final String SUBNETWORK = "${local.subnetwork}";

  private static Terraform.Block only(String type) {
    List<Terraform.Block> blocks = Terraform.resources(type);
    assertEquals(1, blocks.size(), type);
    return blocks.get(0);
  }

  /** local.subnetwork when var.subnetwork is left null, the default. */
  private static String defaultSubnetwork() {
    String expression = Terraform.local("subnetwork").asText();
    Matcher coalesce = Pattern.compile("\\$\\{coalesce\\(var\\.subnetwork, \"(.*)\"\\)}").matcher(expression);
    assertTrue(coalesce.matches(), "local.subnetwork should be var.subnetwork, else the provisioned one: " + expression);
    return coalesce.group(1).replace("${var.region}", REGION)
        .replace("${local.dataflow_network_name}", Terraform.local("dataflow_network_name").asText());
  }

  @Test
  void everyJobAndEveryLaunchRequestRunsInTheDataflowSubnetwork() {
    List<String> elsewhere = new ArrayList<>();
    for (Terraform.Block job : Terraform.resources("google_dataflow_flex_template_job")) {
      if (!SUBNETWORK.equals(job.text("subnetwork"))) {
        elsewhere.add(job.where() + " subnetwork = " + job.text("subnetwork"));
      }
    }
    JsonNode scheduled = Terraform.local("backfill_launch_request").get("launchParameter").get("environment");
    if (!SUBNETWORK.equals(scheduled.path("subnetwork").asText())) {
      elsewhere.add("local.backfill_launch_request subnetwork = " + scheduled.get("subnetwork"));
    }
    assertEquals(List.of(), elsewhere);
  }

  @Test
  void byDefaultJobsRunInTheProvisionedSubnetworkWithPrivateGoogleAccess() {
    Terraform.Block subnetwork = only("google_compute_subnetwork");
    assertEquals("regions/" + REGION + "/subnetworks/" + Terraform.local("dataflow_network_name").asText(),
        defaultSubnetwork());
    assertEquals("${local.dataflow_network_name}", subnetwork.text("name"));
    assertEquals("${var.region}", subnetwork.text("region"));
    assertEquals("true", subnetwork.text("private_ip_google_access"),
        "workers and the launcher VM without external IPs pull the image and call Google APIs through it");
    assertEquals("${google_compute_network.dataflow[0].id}", subnetwork.text("network"));
    assertEquals("false", only("google_compute_network").text("auto_create_subnetworks"));
  }

  @Test
  void theNetworkIsProvisionedExactlyWhenNoSubnetworkIsGiven() {
    for (String type : List.of("google_compute_network", "google_compute_subnetwork", "google_compute_firewall")) {
      assertEquals("${local.provision_network ? 1 : 0}", only(type).text("count"), type);
    }
    assertEquals("${var.subnetwork == null}", Terraform.local("provision_network").asText());
  }

  @Test
  void workersReachEachOtherOnDataflowsPortsAndNothingElseGetsIn() {
    Terraform.Block rule = only("google_compute_firewall");
    assertEquals("${google_compute_network.dataflow[0].id}", rule.text("network"));
    assertEquals("INGRESS", rule.text("direction"));
    assertEquals("[\"dataflow\"]", rule.text("source_tags"), "Dataflow tags its worker VMs \"dataflow\"");
    assertEquals("[\"dataflow\"]", rule.text("target_tags"));
    assertTrue(rule.body().path("source_ranges").isMissingNode(), "no address range: only other workers");
    JsonNode allow = rule.body().get("allow");
    assertEquals(1, allow.size());
    assertEquals("tcp", allow.get(0).get("protocol").asText());
    assertEquals("[\"12345-12346\"]", allow.get(0).get("ports").toString());
  }

  @Test
  void theLauncherDefaultsToTheSubnetworkTerraformProvisions() {
    assertEquals(defaultSubnetwork(), PlatformNames.subnetwork(REGION));
  }
}
