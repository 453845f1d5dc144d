package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Who may read the dashboards' data: the members of var.dashboard_viewers (the Looker Studio data
 * sources' credential owners, or every viewer with viewer's credentials), granted reading the
 * sales_data dataset and running query jobs, and nothing else; no one by default.
 */
class DashboardViewersTest {
  private static JsonNode variable() {
    JsonNode variables = Terraform.module().get(Terraform.MODULE.resolve("variables.tf").toString()).get("variable");
    assertTrue(variables.has("dashboard_viewers"), "no variable dashboard_viewers");
    return variables.get("dashboard_viewers").get(0);
  }

  private static Pattern memberPattern() {
    String condition = variable().get("validation").get(0).get("condition").asText();
    Matcher regex = Pattern.compile("regex\\(\"(.*)\", member\\)").matcher(condition);
    assertTrue(regex.find(), condition);
    return Pattern.compile(regex.group(1).replace("\\\\", "\\"));
  }

  @Test
  void nobodyByDefault() {
    JsonNode empty = variable().get("default");
    assertTrue(empty.isArray() && empty.isEmpty() || "${[]}".equals(empty.asText()), "default = " + empty);
    assertEquals("${list(string)}", variable().get("type").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"group:sales-analysts@example.com", "user:ana@example.com",
    "serviceAccount:looker-reports@retail-analytics-prod.iam.gserviceaccount.com"})
  void aUserGroupOrServiceAccountIsAccepted(String member) {
    assertTrue(memberPattern().matcher(member).find(), member);
  }

  @ParameterizedTest
  @ValueSource(strings = {"allUsers", "allAuthenticatedUsers", "ana@example.com", "domain:example.com",
    "group:", "user:ana@example.com extra"})
  void everyoneADomainOrAMemberWithoutItsKindIsRefused(String member) {
    assertFalse(memberPattern().matcher(member).find(), member);
  }

  @Test
  void viewersMayReadTheDatasetAndRunQueryJobsAndNothingElse() {
    Set<String> grants = new TreeSet<>();
    for (Terraform.Block grant : Terraform.blocks(Terraform.module(), "resource")) {
      if (grant.type().endsWith("_iam_member") && "${each.value}".equals(grant.text("member"))
          && String.valueOf(grant.text("for_each")).contains("var.dashboard_viewers")) {
        String on = grant.type().equals("google_bigquery_dataset_iam_member") ? "dataset " + grant.text("dataset_id")
            : grant.type().equals("google_project_iam_member") ? "project" : grant.type();
        grants.add(on + " " + grant.text("role") + " for " + grant.text("for_each"));
      }
    }
    assertEquals(new TreeSet<>(List.of(
        "dataset ${google_bigquery_dataset.sales.dataset_id} roles/bigquery.dataViewer for ${toset(var.dashboard_viewers)}",
        "project roles/bigquery.jobUser for ${toset(var.dashboard_viewers)}")), grants);
  }
}
