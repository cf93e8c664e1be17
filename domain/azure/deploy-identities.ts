/**
 * The workflow design's two Entra app registrations and the federated identity
 * credentials each trusts (docs/ci.md, docs/permissions.md). scripts/bootstrap-state.sh
 * creates them (test/unit/bootstrap-state.test.ts checks it creates exactly these),
 * and the region preflight counts them against Azure's limit per app.
 *
 * Subjects name a GitHub environment or the main branch, never a tenant, so the
 * count is the same for 5 municipalities or 357.
 */

export interface FederatedCredential {
  /** The credential's name in the app registration. */
  readonly name: string;
  /** The token subject it trusts, for a repository "owner/name". */
  subject(repo: string): string;
}

export interface DeployIdentity {
  /** "deploy" or "reader": the app registration is grunnmur-<host>-<role>. */
  readonly role: "deploy" | "reader";
  readonly purpose: string;
  readonly federatedCredentials: readonly FederatedCredential[];
}

const environment = (name: string): FederatedCredential => ({ name: `github-environment-${name}`, subject: (repo) => `repo:${repo}:environment:${name}` });

export const DEPLOY_IDENTITIES: readonly DeployIdentity[] = [
  { role: "deploy", purpose: "pulumi up from the protected environments platform and tenants", federatedCredentials: [environment("platform"), environment("tenants")] },
  {
    role: "reader",
    purpose: "pull-request previews and the nightly drift check, read-only",
    federatedCredentials: [environment("preview"), { name: "github-main", subject: (repo) => `repo:${repo}:ref:refs/heads/main` }],
  },
];

/** The app registration's display name for a host municipality's slug. */
export const appRegistrationName = (host: string, identity: DeployIdentity): string => `grunnmur-${host}-${identity.role}`;
