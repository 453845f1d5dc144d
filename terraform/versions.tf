terraform {
  required_version = ">= 1.5.0"

  required_providers {
    # Pinned to the provider version whose schema terraform/validation checks this code against.
    google = {
      source  = "hashicorp/google"
      version = "= 6.50.0"
    }
    # google_dataflow_flex_template_job exists only in the beta provider.
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "= 6.50.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}
