# Keyless CI: release-tag runs of one repository's GitHub Actions exchange their OIDC token for
# the CI account (claims: https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect).
resource "google_iam_workload_identity_pool" "github" {
  count                     = var.github_repository == null ? 0 : 1
  project                   = var.project_id
  workload_identity_pool_id = "github"
  display_name              = "GitHub Actions"
  description               = "Identities of GitHub Actions release runs of ${var.github_repository}."
  depends_on                = [google_project_service.apis]

  lifecycle {
    precondition {
      condition     = var.github_repository_id != null
      error_message = "github_repository_id is required with github_repository: gh api repos/${var.github_repository} --jq .id"
    }
  }
}

resource "google_iam_workload_identity_pool_provider" "github" {
  count                              = var.github_repository == null ? 0 : 1
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.github[0].workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  display_name                       = "GitHub Actions OIDC"
  attribute_mapping = {
    "google.subject"          = "assertion.sub"
    "attribute.repository"    = "assertion.repository"
    "attribute.repository_id" = "assertion.repository_id"
    "attribute.ref"           = "assertion.ref"
  }
  # Only tokens minted for a release tag (v*) of this repository, by its numeric id, are accepted.
  attribute_condition = "assertion.repository_id == \"${var.github_repository_id}\" && assertion.ref_type == \"tag\" && assertion.ref.startsWith(\"refs/tags/v\")"

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account_iam_member" "ci_from_github" {
  count              = var.github_repository == null ? 0 : 1
  service_account_id = google_service_account.ci.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github[0].name}/attribute.repository_id/${var.github_repository_id}"
}
