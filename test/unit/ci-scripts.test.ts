/**
 * The scripts the workflows run against Azure (.ci/pulumi, .ci/drift-issue), driven with a
 * fake `pulumi` and a fake `gh` on PATH that record how they were called. No Azure, no
 * network: this checks the loop, the results and the exit codes, not Pulumi itself.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";

const FAKE_PULUMI = `#!/usr/bin/env bash
echo "pulumi $*" >>"$FAKE_LOG"
stack=""; prev=""
for a in "$@"; do if [ "$prev" = "--stack" ]; then stack="$a"; fi; prev="$a"; done
case "$1 $2" in
  "login "*) exit 0 ;;
  "stack select") case "$3" in */missing*|*/hub-new*) echo "error: no stack named '$3' found" >&2; exit 255 ;; */locked*) echo "error: the state account refused access (403)" >&2; exit 255 ;; esac; exit 0 ;;
  "stack init") exit 0 ;;
esac
case "$stack" in
  */drifted) echo "~ 1 to update"; echo "error: no changes were expected but changes were proposed" >&2; exit 255 ;;
  */broken) echo "error: could not reach management.azure.com" >&2; exit 255 ;;
esac
echo "Resources: 12 unchanged"
`;

const FAKE_GH = `#!/usr/bin/env bash
echo "gh $*" >>"$FAKE_LOG"
if [ "$1 $2" = "issue list" ]; then echo "\${FAKE_OPEN_ISSUE:-}"; fi
if [ "$1 $2" = "issue create" ]; then echo "https://github.com/example-org/grunnmur/issues/7"; fi
exit 0
`;

const sandboxes: string[] = [];
afterAll(() => sandboxes.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function sandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-ci-"));
  sandboxes.push(dir);
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "pulumi"), FAKE_PULUMI, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "gh"), FAKE_GH, { mode: 0o755 });
  const log = path.join(dir, "calls.log");
  fs.writeFileSync(log, "");
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: dir,
    FAKE_LOG: log,
    OUT_DIR: path.join(dir, "out"),
    PULUMI_BACKEND_URL: "azblob://pulumi-state?storage_account=stexamplepulumistate",
    PULUMI_SECRETS_PROVIDER: "azurekeyvault://kv-example-state.vault.azure.net/keys/pulumi-secrets",
    GH_REPO: "example-org/grunnmur",
    GITHUB_RUN_ID: "42",
  };
  const run = (script: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    spawnSync("bash", [path.join(REPO_ROOT, ".ci", script), ...args], { encoding: "utf8", env: { ...env, ...extra }, cwd: dir });
  const calls = () => fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
  const results = () =>
    fs
      .readFileSync(path.join(dir, "out", "results.tsv"), "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split("\t").slice(0, 2));
  return { dir, run, calls, results };
}

describe(".ci/pulumi", () => {
  it("deploys stacks one after the other, creating a new one with the Key Vault secrets provider", () => {
    const box = sandbox();
    const result = box.run("pulumi", ["up", "platform", "missing-new"]);
    expect(result.status).toBe(0);
    expect(box.calls()).toEqual([
      "pulumi login azblob://pulumi-state?storage_account=stexamplepulumistate",
      "pulumi stack select organization/grunnmur/platform",
      "pulumi up --stack organization/grunnmur/platform --policy-pack policies --yes --non-interactive",
      "pulumi stack select organization/grunnmur/missing-new",
      "pulumi stack init organization/grunnmur/missing-new --secrets-provider azurekeyvault://kv-example-state.vault.azure.net/keys/pulumi-secrets",
      "pulumi up --stack organization/grunnmur/missing-new --policy-pack policies --yes --non-interactive",
    ]);
    expect(box.results()).toEqual([
      ["platform", "ok"],
      ["missing-new", "ok"],
    ]);
  });

  it("creates a hub stack that does not exist yet, after the platform, as it creates the platform's", () => {
    const box = sandbox();
    expect(box.run("pulumi", ["up", "platform", "hub-new", "senja"]).status).toBe(0);
    expect(box.calls().slice(3, 6)).toEqual([
      "pulumi stack select organization/grunnmur/hub-new",
      "pulumi stack init organization/grunnmur/hub-new --secrets-provider azurekeyvault://kv-example-state.vault.azure.net/keys/pulumi-secrets",
      "pulumi up --stack organization/grunnmur/hub-new --policy-pack policies --yes --non-interactive",
    ]);
    expect(box.results().map(([stack]) => stack)).toEqual(["platform", "hub-new", "senja"]);
  });

  it("goes on after a failing stack and exits 1", () => {
    const box = sandbox();
    const result = box.run("pulumi", ["up", "broken", "senja"]);
    expect(result.status).toBe(1);
    expect(box.results()).toEqual([
      ["broken", "error"],
      ["senja", "ok"],
    ]);
    expect(fs.readFileSync(path.join(box.dir, "out", "summary.md"), "utf8")).toContain("| `broken` | error | error: could not reach management.azure.com |");
  });

  it("previews with the policy pack and skips a stack that was never deployed, creating nothing", () => {
    const box = sandbox();
    const result = box.run("pulumi", ["preview", "platform", "missing-new"]);
    expect(result.status).toBe(0);
    expect(box.calls()).not.toContainEqual(expect.stringContaining("stack init"));
    expect(box.calls()).toContain("pulumi preview --stack organization/grunnmur/platform --policy-pack policies --diff --non-interactive");
    expect(box.results()).toEqual([
      ["platform", "ok"],
      ["missing-new", "skipped"],
    ]);
  });

  it("tells drift (exit 3) from an error (exit 1) and from a stack that cannot be opened", () => {
    const box = sandbox();
    expect(box.run("pulumi", ["drift", "platform", "drifted", "missing-x"]).status).toBe(3);
    expect(box.calls()).toContain("pulumi preview --stack organization/grunnmur/platform --refresh --expect-no-changes --diff --non-interactive");
    expect(box.results()).toEqual([
      ["platform", "ok"],
      ["drifted", "drift"],
      ["missing-x", "missing"],
    ]);
    const again = sandbox();
    expect(again.run("pulumi", ["drift", "drifted", "broken", "locked"]).status).toBe(1);
    expect(again.results()).toEqual([
      ["drifted", "drift"],
      ["broken", "error"],
      ["locked", "error"],
    ]);
  });

  it("refuses to run without the state backend and the Key Vault secrets provider, in plain words", () => {
    const box = sandbox();
    const noProvider = box.run("pulumi", ["up", "platform"], { PULUMI_SECRETS_PROVIDER: "passphrase" });
    expect(noProvider.status).toBe(2);
    expect(noProvider.stderr).toContain("PULUMI_SECRETS_PROVIDER must be azurekeyvault://<vault>.vault.azure.net/keys/<key>");
    expect(box.run("pulumi", ["up", "platform"], { PULUMI_BACKEND_URL: "" }).stderr).toContain("PULUMI_BACKEND_URL is not set");
    expect(box.run("pulumi", ["destroy", "platform"]).stderr).toContain("The first argument must be preview, up or drift");
    expect(box.run("pulumi", ["up", "Senja!"]).stderr).toContain('"Senja!" is not a stack name');
    expect(box.calls()).toEqual([]);
  });
});

describe(".ci/drift-issue", () => {
  function withResults(lines: string[]) {
    const box = sandbox();
    const dir = path.join(box.dir, "drift", "drift-1");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "results.tsv"), lines.map((l) => `${l}\n`).join(""));
    return box;
  }

  it("opens an issue labelled drift listing the stacks that differ, and exits 1", () => {
    const box = withResults(["platform\tok\t", "senja\tdrift\tAzure differs from main", "alta\tmissing\tnot deployed"]);
    const result = box.run("drift-issue", [path.join(box.dir, "drift")]);
    expect(result.status).toBe(1);
    const calls = box.calls();
    expect(calls[0]).toBe("gh issue list --label drift --state open --json number --jq .[0].number // empty");
    expect(calls).toContainEqual(expect.stringMatching(/^gh label create drift /));
    expect(calls).toContainEqual(expect.stringMatching(/^gh issue create --title Drift: Azure differs from main in 2 of 3 stacks --label drift --body-file /));
  });

  it("updates the open issue instead of opening another", () => {
    const box = withResults(["senja\tdrift\tAzure differs from main"]);
    const result = box.run("drift-issue", [path.join(box.dir, "drift")], { FAKE_OPEN_ISSUE: "12" });
    expect(result.status).toBe(1);
    const calls = box.calls();
    expect(calls).toContainEqual(expect.stringMatching(/^gh issue edit 12 --title Drift: Azure differs from main in 1 of 1 stacks --body-file /));
    expect(calls).toContainEqual(expect.stringMatching(/^gh issue comment 12 --body Still differs on \d{4}-\d\d-\d\d: 1 of 1 stacks \(https:\/\/github.com\/example-org\/grunnmur\/actions\/runs\/42\)\.$/));
    expect(calls).not.toContainEqual(expect.stringContaining("issue create"));
  });

  it("closes the open issue when nothing differs any more", () => {
    const box = withResults(["platform\tok\t", "senja\tok\t"]);
    const result = box.run("drift-issue", [path.join(box.dir, "drift")], { FAKE_OPEN_ISSUE: "12" });
    expect(result.status).toBe(0);
    expect(box.calls().slice(1)).toEqual([expect.stringMatching(/^gh issue comment 12 --body The drift check on .* found all 2 stacks matching main/), "gh issue close 12"]);
  });

  it("fails when the drift jobs left no results", () => {
    const box = sandbox();
    fs.mkdirSync(path.join(box.dir, "empty"));
    const result = box.run("drift-issue", [path.join(box.dir, "empty")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("the drift jobs did not finish, so nothing was checked");
  });
});
