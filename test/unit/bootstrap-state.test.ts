import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { ACCESS_GRANTING_ROLES, BUILT_IN_ROLES } from "../../domain/azure/roles";
import { AZURE_LIMITS } from "../../domain/preflight/limits";
import { appRegistrationName, DEPLOY_IDENTITIES } from "../../domain/azure/deploy-identities";
import { REPO_ROOT } from "../../tenants/paths";

const script = path.join(REPO_ROOT, "scripts", "bootstrap-state.sh");
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync("bash", [script, ...args], { encoding: "utf8", env });
const REPO = "example-org/grunnmur";
const dryRun = run(["--host", "tromso", "--github-repo", REPO, "--dry-run"]);
const lines = dryRun.stdout.split("\n");

/** The JSON bodies of the federated credentials the dry run would create, per app registration. */
function federatedCredentials(): Map<string, Array<{ name: string; subject: string; issuer: string; audiences: string[] }>> {
  const byApp = new Map<string, Array<{ name: string; subject: string; issuer: string; audiences: string[] }>>();
  for (const line of lines.filter((l) => l.startsWith("az ad app federated-credential create"))) {
    const app = /--id '([^']+)'/.exec(line)![1];
    const body = JSON.parse(/--parameters '(\{.*\})'$/.exec(line)![1]);
    byApp.set(app, [...(byApp.get(app) ?? []), body]);
  }
  return byApp;
}

/** Role assignments as [principal, role, scope]. */
function roleAssignments(): string[][] {
  return lines
    .filter((l) => l.startsWith("az role assignment create"))
    .map((l) => {
      const arg = (flag: string) => new RegExp(`${flag} ('[^']*'|\\S+)`).exec(l)![1].replace(/^'|'$/g, "");
      return [arg("--assignee-object-id"), arg("--role"), arg("--scope")];
    });
}

/** Microsoft Graph application permissions granted (app role assignments), per service principal. */
function graphPermissions(): Map<string, string[]> {
  const byPrincipal = new Map<string, string[]>();
  for (const line of lines.filter((l) => l.startsWith("az rest --method POST"))) {
    const body = JSON.parse(/--body '(\{.*\})'$/.exec(line)![1]);
    const permission = /<appRoleId-of-(.+)>/.exec(body.appRoleId)![1];
    byPrincipal.set(body.principalId, [...(byPrincipal.get(body.principalId) ?? []), permission]);
  }
  return byPrincipal;
}

describe("state backend bootstrap", () => {
  it("creates a locked, versioned account without public or shared-key access", () => {
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain("--allow-blob-public-access false --allow-shared-key-access false");
    expect(dryRun.stdout).toContain("--min-tls-version TLS1_2");
    expect(dryRun.stdout).toContain("--enable-versioning true");
    expect(dryRun.stdout).toContain("az storage container-rm create --name pulumi-state --storage-account sttromsopulumistate");
    expect(dryRun.stdout).toContain("az lock create --name lock-pulumi-state --lock-type CanNotDelete");
    expect(dryRun.stdout).toContain("pulumi login 'azblob://pulumi-state?storage_account=sttromsopulumistate'");
  });

  it("creates the Key Vault and RSA key of the secrets provider and prints the stack init command that uses it", () => {
    expect(dryRun.stdout).toContain("az keyvault create --name kv-tromso-state --resource-group rg-grunnmur-state-tromso --location norwayeast --sku standard --enable-rbac-authorization true --enable-purge-protection true");
    expect(dryRun.stdout).toContain("az keyvault key create --vault-name kv-tromso-state --name pulumi-secrets --kty RSA --size 3072 --ops encrypt decrypt");
    // The key is created after the person running the script may create keys in the vault.
    const officer = lines.findIndex((l) => l.includes("--role 'Key Vault Crypto Officer'"));
    expect(officer).toBeGreaterThan(-1);
    expect(officer).toBeLessThan(lines.findIndex((l) => l.startsWith("az keyvault key create")));
    expect(dryRun.stdout).toContain("pulumi stack init organization/grunnmur/platform --secrets-provider 'azurekeyvault://kv-tromso-state.vault.azure.net/keys/pulumi-secrets'");
    expect(dryRun.stdout).toContain(`gh variable set PULUMI_STATE_VAULT --repo ${REPO} --body kv-tromso-state`);
  });

  it("creates two app registrations with service principals: one to deploy, one to read", () => {
    expect(lines.filter((l) => l.startsWith("az ad app create")).map((l) => /--display-name (\S+)/.exec(l)![1])).toEqual(["grunnmur-tromso-deploy", "grunnmur-tromso-reader"]);
    expect(lines.filter((l) => l.startsWith("az ad sp create"))).toHaveLength(2);
  });

  it("gives each app a few federated credentials, named by environment and never by tenant, far under the limit of 20", () => {
    const byApp = federatedCredentials();
    expect([...byApp.keys()]).toEqual(["<appId-of-grunnmur-tromso-deploy>", "<appId-of-grunnmur-tromso-reader>"]);
    expect(byApp.get("<appId-of-grunnmur-tromso-deploy>")!.map((c) => c.subject)).toEqual([`repo:${REPO}:environment:platform`, `repo:${REPO}:environment:tenants`]);
    expect(byApp.get("<appId-of-grunnmur-tromso-reader>")!.map((c) => c.subject)).toEqual([`repo:${REPO}:environment:preview`, `repo:${REPO}:ref:refs/heads/main`]);
    // Exactly the design the region preflight counts (domain/azure/deploy-identities.ts, PF-52).
    for (const identity of DEPLOY_IDENTITIES) {
      expect(byApp.get(`<appId-of-${appRegistrationName("tromso", identity)}>`)!.map((c) => [c.name, c.subject])).toEqual(identity.federatedCredentials.map((c) => [c.name, c.subject(REPO)]));
    }
    for (const credentials of byApp.values()) {
      // The limits table's 20 (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations).
      expect(AZURE_LIMITS.federatedCredentials.value).toBe(20);
      expect(credentials.length).toBeLessThanOrEqual(AZURE_LIMITS.federatedCredentials.value);
      for (const c of credentials) expect([c.issuer, c.audiences]).toEqual(["https://token.actions.githubusercontent.com", ["api://AzureADTokenExchange"]]);
    }
    // The number does not grow with tenants: no subject names a tenant.
    const slugs = fs.readdirSync(path.join(REPO_ROOT, "tenants")).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, ""));
    const subjects = [...byApp.values()].flat().map((c) => c.subject);
    expect(subjects.filter((s) => slugs.some((slug) => s.split(":").includes(slug)))).toEqual([]);
  });

  it("trusts exactly the environments the workflows use: the deploy's for the deploy identity, the pull request's for the reader", () => {
    const environmentsOf = (file: string) => {
      type Job = { environment?: string | { name: string }; steps?: Array<{ uses?: string; run?: string }> };
      const doc = parse(fs.readFileSync(path.join(REPO_ROOT, ".github", "workflows", file), "utf8")) as { jobs: Record<string, Job> };
      // Only a job that signs in to Azure needs an identity's trust; the Pages job's environment (github-pages) is GitHub's own.
      const signsInToAzure = (j: Job) => (j.steps ?? []).some((s) => s.uses?.startsWith("azure/login@") || /\.ci\/pulumi\b/.test(s.run ?? ""));
      return [...new Set(Object.values(doc.jobs).filter(signsInToAzure).flatMap((j) => (j.environment ? [`repo:${REPO}:environment:${typeof j.environment === "string" ? j.environment : j.environment.name}`] : [])))].sort();
    };
    const subjects = (app: string) => federatedCredentials().get(app)!.map((c) => c.subject).filter((s) => s.includes(":environment:")).sort();
    expect(subjects("<appId-of-grunnmur-tromso-deploy>")).toEqual(environmentsOf("deploy.yml"));
    expect(subjects("<appId-of-grunnmur-tromso-reader>")).toEqual(environmentsOf("pull-request.yml"));
    expect(environmentsOf("drift.yml")).toEqual([]);
  });

  it("grants the deploy identity Contributor, role assignment limited by a condition, locks and the state, and nothing more", () => {
    const deploy = "<objectId-of-grunnmur-tromso-deploy>";
    const sub = "/subscriptions/<subscription-id>";
    const state = `${sub}/resourceGroups/rg-grunnmur-state-tromso/providers`;
    expect(roleAssignments().filter(([p]) => p === deploy)).toEqual([
      [deploy, "Contributor", sub],
      [deploy, "Role Based Access Control Administrator", sub],
      [deploy, "grunnmur lock operator (tromso)", sub],
      [deploy, "Storage Blob Data Contributor", `${state}/Microsoft.Storage/storageAccounts/sttromsopulumistate`],
      [deploy, "Key Vault Crypto User", `${state}/Microsoft.KeyVault/vaults/kv-tromso-state/keys/pulumi-secrets`],
    ]);
    expect(roleAssignments().flatMap(([, role]) => role)).not.toContain("Owner");
    expect(roleAssignments().flatMap(([, role]) => role)).not.toContain("User Access Administrator");
    const lockRole = lines.find((l) => l.startsWith("az role definition create"))!;
    expect(JSON.parse(/--role-definition '(\{.*\})'$/.exec(lockRole)![1]).Actions).toEqual([
      "Microsoft.Authorization/locks/read",
      "Microsoft.Authorization/locks/write",
      "Microsoft.Authorization/locks/delete",
    ]);
  });

  it("lets the deploy identity assign exactly the roles the programs use, never one that grants access", () => {
    const rbacAdmin = lines.find((l) => l.includes("--role 'Role Based Access Control Administrator'"))!;
    expect(rbacAdmin).toContain("--condition-version 2.0");
    const condition = /--condition '(.*?)' --condition-version/.exec(rbacAdmin)![1];
    const lists = [...condition.matchAll(/GuidEquals \{([^}]*)\}/g)].map((m) => m[1].split(", ").sort());
    const allowed = (Object.keys(BUILT_IN_ROLES) as Array<keyof typeof BUILT_IN_ROLES>)
      .filter((role) => !ACCESS_GRANTING_ROLES.includes(role))
      .map((role) => BUILT_IN_ROLES[role])
      .sort();
    expect(lists).toEqual([allowed, allowed]);
    for (const role of ACCESS_GRANTING_ROLES) expect(condition).not.toContain(BUILT_IN_ROLES[role]);
    expect(condition).toContain("roleAssignments/write");
    expect(condition).toContain("roleAssignments/delete");
  });

  it("grants the Microsoft Graph application permissions the programs need, and read-only ones to the reader", () => {
    expect(graphPermissions()).toEqual(
      new Map([
        ["<objectId-of-grunnmur-tromso-deploy>", ["Group.ReadWrite.All", "AdministrativeUnit.ReadWrite.All", "RoleManagement.ReadWrite.Directory", "User.Invite.All", "Policy.ReadWrite.ConditionalAccess", "Policy.Read.All"]],
        ["<objectId-of-grunnmur-tromso-reader>", ["Group.Read.All", "AdministrativeUnit.Read.All", "RoleManagement.Read.Directory", "User.Read.All", "Policy.Read.All"]],
      ]),
    );
    expect(dryRun.stdout).toContain("granted tenant-wide (admin consent)");
  });

  it("gives the reader no write access anywhere", () => {
    const reader = "<objectId-of-grunnmur-tromso-reader>";
    expect(roleAssignments().filter(([p]) => p === reader).map(([, role]) => role)).toEqual(["Reader", "Storage Blob Data Reader", "Key Vault Crypto User"]);
    expect([...graphPermissions().get(reader)!].filter((p) => /Write|Invite/.test(p))).toEqual([]);
  });

  it("refuses a host name that cannot be part of a storage account name, regions outside Norway, and a missing repository", () => {
    expect(run(["--host", "Tromsø", "--github-repo", REPO, "--dry-run"]).stderr).toContain("--host must be the host's slug");
    expect(run(["--host", "tromso", "--location", "westeurope", "--github-repo", REPO, "--dry-run"]).stderr).toContain("state stays in Norway");
    expect(run(["--host", "tromso", "--dry-run"]).stderr).toContain("--github-repo must name the GitHub repository that deploys, as owner/name");
  });

  it("runs for real against a fake Azure CLI with the ids it gets back, leaving no placeholder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-bootstrap-"));
    try {
      const log = path.join(dir, "az.log");
      fs.writeFileSync(
        path.join(dir, "az"),
        [
          "#!/usr/bin/env bash",
          'echo "az $*" >>"$FAKE_LOG"',
          'case "$*" in',
          '  "account show --query id -o tsv") echo 00000000-0000-0000-0000-0000000000aa ;;',
          '  "account show --query tenantId -o tsv") echo 00000000-0000-0000-0000-0000000000bb ;;',
          '  "ad signed-in-user show"*) echo 00000000-0000-0000-0000-0000000000cc ;;',
          '  "ad app create --display-name grunnmur-tromso-deploy"*) echo 00000000-0000-0000-0000-00000000d001 ;;',
          '  "ad app create --display-name grunnmur-tromso-reader"*) echo 00000000-0000-0000-0000-00000000e001 ;;',
          '  "ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv") echo 00000000-0000-0000-0000-000000009999 ;;',
          '  "ad sp show --id 00000003-0000-0000-c000-000000000000 --query appRoles"*) echo 00000000-0000-0000-0000-00000000aaaa ;;',
          '  "ad sp show --id "*d001" --query id -o tsv") echo 00000000-0000-0000-0000-00000000d002 ;;',
          '  "ad sp show --id "*e001" --query id -o tsv") echo 00000000-0000-0000-0000-00000000e002 ;;',
          '  "ad sp show --id "*|"storage container-rm show"*|"keyvault show"*|"keyvault key show"*) exit 3 ;;',
          "esac",
          "exit 0",
        ].join("\n"),
        { mode: 0o755 },
      );
      const result = run(["--host", "tromso", "--github-repo", REPO], { ...process.env, PATH: `${dir}:${process.env.PATH}`, FAKE_LOG: log });
      expect(result.stderr).not.toContain("command not found");
      expect(result.status).toBe(0);
      const calls = fs.readFileSync(log, "utf8");
      expect(calls).not.toContain("<");
      expect(calls).toContain("az ad app federated-credential create --id 00000000-0000-0000-0000-00000000d001 --parameters");
      expect(calls).toContain("az role assignment create --assignee-object-id 00000000-0000-0000-0000-00000000d002 --assignee-principal-type ServicePrincipal --role Contributor");
      expect(calls).toContain("az role assignment create --assignee-object-id 00000000-0000-0000-0000-00000000e002 --assignee-principal-type ServicePrincipal --role Reader");
      expect(calls).toContain("az keyvault key create --vault-name kv-tromso-state --name pulumi-secrets");
      expect(result.stdout).toContain(`gh variable set AZURE_DEPLOY_CLIENT_ID --repo ${REPO} --body 00000000-0000-0000-0000-00000000d001`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
