package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.salesanalytics.launcher.LaunchCommand;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `launch --kms-key` takes exactly the keys Terraform's kms_key_name takes: one key, two places. */
class KmsKeyFormsTest {
  private static boolean terraformAccepts(String key) {
    String condition = Terraform.module().get(Terraform.MODULE.resolve("variables.tf").toString())
        .get("variable").get("kms_key_name").get(0).get("validation").get(0).get("condition").asText();
    Matcher regex = Pattern.compile("regex\\(\"(.*)\", var\\.kms_key_name\\)").matcher(condition);
    assertTrue(regex.find(), condition);
    return Pattern.compile(regex.group(1).replace("\\\\", "\\")).matcher(key).matches();
  }

  private static boolean launchAccepts(String key) {
    try {
      LaunchCommand.parse(new String[] {"sales-backfill", "--project=retail-analytics-prod", "--region=europe-west1",
          "--spec-bucket=retail-analytics-prod-dataflow-templates", "--version=1.4.2", "--kms-key=" + key});
      return true;
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("--kms-key: "), e.getMessage());
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data",
      "projects/retail-analytics-prod/locations/global/keyRings/data_keys/cryptoKeys/Sales_2026",
      "projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data/cryptoKeyVersions/2",
      "projects/retail-kms/locations/europe-west1/keyRings/sales",
      "//cloudkms.googleapis.com/projects/retail-kms/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data",
      "projects/Retail/locations/europe-west1/keyRings/sales/cryptoKeys/sales-data",
      "sales-data"})
  void launchAndTerraformAgreeOnEveryKeyName(String key) {
    assertEquals(terraformAccepts(key), launchAccepts(key), key);
  }
}
