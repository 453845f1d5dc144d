package com.salesanalytics.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code terraform destroy -var deletion_protection=false} removes everything, and nothing holding
 * data or releases is removed while deletion_protection is on.
 */
class TerraformTeardownTest {
  /**
   * Containers the provider refuses to delete while they hold anything, and the argument that
   * lets it empty them first: a bucket with objects or noncurrent versions
   * (services/storage/resource_storage_bucket.go lists with Versions(true) and deletes each
   * generation only under force_destroy), a dataset with tables Terraform did not create (a failed
   * backfill's staging table) unless delete_contents_on_destroy.
   */
  private static final Map<String, String> EMPTIED_ON_DESTROY_BY = Map.of(
      "google_storage_bucket", "force_destroy", "google_bigquery_dataset", "delete_contents_on_destroy");

  /** The value of a boolean argument for a given deletion_protection; absent means the provider's default, false. */
  private static boolean evaluate(Terraform.Block block, String argument, boolean deletionProtection) {
    String value = block.text(argument);
    return switch (value == null ? "false" : value) {
      case "true" -> true;
      case "false" -> false;
      case "${var.deletion_protection}" -> deletionProtection;
      case "${!var.deletion_protection}" -> !deletionProtection;
      default -> throw new AssertionError(block.where() + ": " + argument + " = " + value
          + " (the test reads true, false or (!)var.deletion_protection)");
    };
  }

  private static List<String> containers(boolean deletionProtection, boolean emptiedOnDestroy) {
    List<String> found = new ArrayList<>();
    EMPTIED_ON_DESTROY_BY.forEach((type, argument) -> Terraform.resources(type).forEach(block -> {
      if (evaluate(block, argument, deletionProtection) == emptiedOnDestroy) {
        found.add(block.where());
      }
    }));
    return found;
  }

  @Test
  void withDeletionProtectionLiftedEveryBucketAndDatasetIsEmptiedAndDestroyed() {
    assertEquals(List.of(), containers(false, false), "destroy would fail on these once they hold anything");
  }

  @Test
  void withDeletionProtectionOnReleasesAndDataAreNeverEmptiedByDestroy() {
    List<String> emptied = containers(true, true);
    assertFalse(emptied.contains("storage.tf: google_storage_bucket.templates"), "the spec bucket holds every release");
    assertFalse(emptied.contains("bigquery.tf: google_bigquery_dataset.sales"), "the dataset holds the sales");
  }
}
