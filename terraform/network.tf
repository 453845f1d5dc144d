# The network the Dataflow jobs and their Flex Template launcher VMs run in, unless var.subnetwork
# names another. Both get private IPs by default (var.use_public_ips), so they reach Artifact
# Registry and the Google APIs only through Private Google Access on their subnetwork; the default
# network's subnetworks have it off, and the jobs would never reach RUNNING there
# (https://cloud.google.com/dataflow/docs/guides/routes-firewall).
locals {
  dataflow_network_name = "sales-dataflow"
  provision_network     = var.subnetwork == null
  # What every job and launch request names, in the short form Dataflow accepts within a project.
  subnetwork = coalesce(var.subnetwork, "regions/${var.region}/subnetworks/${local.dataflow_network_name}")
}

resource "google_compute_network" "dataflow" {
  count                   = local.provision_network ? 1 : 0
  project                 = var.project_id
  name                    = local.dataflow_network_name
  description             = "Dataflow workers and Flex Template launcher VMs of the sales pipelines."
  auto_create_subnetworks = false
  depends_on              = [google_project_service.apis]
}

resource "google_compute_subnetwork" "dataflow" {
  count                    = local.provision_network ? 1 : 0
  project                  = var.project_id
  name                     = local.dataflow_network_name
  region                   = var.region
  network                  = google_compute_network.dataflow[0].id
  ip_cidr_range            = var.dataflow_subnetwork_cidr
  private_ip_google_access = true
}

# Workers exchange data with each other on TCP 12345 (streaming) and 12346 (batch); Dataflow gives
# every worker VM the network tag "dataflow". Nothing else may connect in (implied deny ingress).
resource "google_compute_firewall" "dataflow_workers" {
  count       = local.provision_network ? 1 : 0
  project     = var.project_id
  name        = "sales-dataflow-workers"
  description = "Dataflow workers to Dataflow workers, on the ports Dataflow uses between them."
  network     = google_compute_network.dataflow[0].id
  direction   = "INGRESS"
  source_tags = ["dataflow"]
  target_tags = ["dataflow"]

  allow {
    protocol = "tcp"
    ports    = ["12345-12346"]
  }
}
