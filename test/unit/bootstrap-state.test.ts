import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";

const script = path.join(REPO_ROOT, "scripts", "bootstrap-state.sh");
const run = (...args: string[]) => spawnSync("bash", [script, ...args], { encoding: "utf8" });

describe("state backend bootstrap", () => {
  it("creates a locked, versioned account without public or shared-key access", () => {
    const result = run("--host", "tromso", "--ci-principal", "00000000-0000-0000-0000-000000000001", "--dry-run");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--allow-blob-public-access false --allow-shared-key-access false");
    expect(result.stdout).toContain("--min-tls-version TLS1_2");
    expect(result.stdout).toContain("--enable-versioning true");
    expect(result.stdout).toContain("az lock create --name lock-pulumi-state --lock-type CanNotDelete");
    expect(result.stdout).toContain("--role Storage\\ Blob\\ Data\\ Contributor");
    expect(result.stdout).toContain("pulumi login 'azblob://pulumi-state?storage_account=sttromsopulumistate'");
  });

  it("refuses a host name that cannot be part of a storage account name, and regions outside Norway", () => {
    expect(run("--host", "Tromsø", "--dry-run").stderr).toContain("--host must be the host's slug");
    expect(run("--host", "tromso", "--location", "westeurope", "--dry-run").stderr).toContain("state stays in Norway");
  });
});
