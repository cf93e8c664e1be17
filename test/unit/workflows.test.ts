/**
 * What the GitHub workflows say, read as YAML: nothing here runs them, but each rule below is
 * one that made a workflow fail or overreach on a real runner (issue 15): FreeRADIUS missing,
 * an empty matrix, a PR identity that could write, one environment per tenant, hub writes in
 * parallel, drift nobody hears about, a passphrase secrets provider.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { changedStacks } from "../../scripts/ci/changed-stacks";
import { REPO_ROOT } from "../../tenants/paths";

const dir = path.join(REPO_ROOT, ".github", "workflows");
const workflows = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; dependencies: Record<string, string> };
const cliSource = fs.readFileSync(path.join(REPO_ROOT, "scripts", "cli.ts"), "utf8");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string };
type Job = {
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown>; "max-parallel"?: number };
  concurrency?: unknown;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
};
type Workflow = { on: unknown; permissions?: Record<string, string>; concurrency?: { group: string; "cancel-in-progress"?: boolean }; env?: Record<string, string>; jobs: Record<string, Job> };

const read = (file: string) => parse(fs.readFileSync(path.join(dir, file), "utf8")) as Workflow;
const steps = (doc: Workflow) => Object.values(doc.jobs).flatMap((j) => j.steps ?? []);
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
/** Jobs that sign in to Azure: they log in with azure/login or run Pulumi through .ci/pulumi. */
const azureJobs = (doc: Workflow) => Object.entries(doc.jobs).filter(([, job]) => (job.steps ?? []).some((s) => s.uses?.startsWith("azure/login@") || /\.ci\/pulumi\b/.test(s.run ?? "")));
const envOf = (doc: Workflow, job: Job) => ({ ...doc.env, ...job.env });

describe("GitHub workflows", () => {
  it("exist for pull requests, deploys and drift", () => {
    expect(workflows.sort()).toEqual(["deploy.yml", "drift.yml", "pull-request.yml"]);
  });

  it.each(workflows)("%s parses as a workflow with jobs and steps", (file) => {
    const doc = read(file);
    expect(doc.on).toBeDefined();
    expect(Object.keys(doc.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(doc.jobs)) expect(job.steps?.length).toBeGreaterThan(0);
  });

  it.each(workflows)("%s pins every action to a version", (file) => {
    for (const step of steps(read(file))) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    }
  });

  it.each(workflows)("%s runs only commands and scripts that exist", (file) => {
    const commands = new Set([...cliSource.matchAll(/spec: (\w+)Spec/g)].map((m) => m[1]));
    const known = (name: string) => [...commands].some((c) => c.toLowerCase() === name.replace(/-/g, "").toLowerCase());
    for (const step of steps(read(file))) {
      for (const m of (step.run ?? "").matchAll(/npx grunnmur ([\w-]+)/g)) expect({ command: m[1], exists: known(m[1]) }).toEqual({ command: m[1], exists: true });
      for (const m of (step.run ?? "").matchAll(/npm (?:run )?(test|start|[\w:-]+)(?=\s|$)/g)) {
        if (m[1] !== "ci") expect({ script: m[1], exists: m[1] in pkg.scripts }).toEqual({ script: m[1], exists: true });
      }
      for (const m of (step.run ?? "").matchAll(/bash (\S+)/g)) expect({ script: m[1], exists: fs.existsSync(path.join(REPO_ROOT, m[1])) }).toEqual({ script: m[1], exists: true });
    }
  });

  it.each(workflows)("%s grants the token only contents: read unless a job asks for more", (file) => {
    expect(read(file).permissions).toEqual({ contents: "read" });
  });

  it.each(workflows)("%s installs the Pulumi CLI of the same version as the SDK in package.json", (file) => {
    const installs = steps(read(file)).filter((s) => s.uses?.startsWith("pulumi/actions@"));
    for (const step of installs) expect(String(step.with?.["pulumi-version"])).toBe(pkg.dependencies["@pulumi/pulumi"]);
  });
});

describe("the tests on a hosted runner", () => {
  it("run through .ci/run, which installs FreeRADIUS and eapol_test before npm test", () => {
    const pr = read("pull-request.yml");
    expect(Object.values(pr.jobs).some((job) => /^bash \.ci\/run$/m.test(runs(job)))).toBe(true);
    const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8").split("\n");
    const install = ci.findIndex((l) => /apt-get install .*freeradius .*eapoltest/.test(l));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(ci.findIndex((l) => /^npm test$/.test(l.trim())));
  });

  it.each(workflows)("%s never runs npm test without them", (file) => {
    for (const [name, job] of Object.entries(read(file).jobs)) {
      const all = job.steps ?? [];
      all.forEach((step, i) => {
        if (!/\bnpm test\b/.test(step.run ?? "")) return;
        const before = all.slice(0, i).map((s) => s.run ?? "").join("\n");
        expect({ job: name, installsFreeRadiusFirst: /apt-get install .*freeradius/.test(before) && /eapoltest/.test(before) }).toEqual({ job: name, installsFreeRadiusFirst: true });
      });
    }
  });
});

describe("matrices", () => {
  it.each(workflows)("%s guards every matrix built from a list against the list being empty", (file) => {
    for (const [name, job] of Object.entries(read(file).jobs)) {
      for (const [key, value] of Object.entries(job.strategy?.matrix ?? {})) {
        if (Array.isArray(value)) {
          expect({ job: name, key, empty: value.length === 0 }).toEqual({ job: name, key, empty: false });
          continue;
        }
        // GitHub fails a job whose matrix vector has no values, so its `if:` must skip it first.
        const source = /^\$\{\{\s*fromJSON\((.+)\)\s*\}\}$/.exec(String(value))?.[1].trim();
        expect({ job: name, key, fromList: source !== undefined }).toEqual({ job: name, key, fromList: true });
        expect({ job: name, guard: job.if ?? "" }).toEqual({ job: name, guard: expect.stringContaining(`${source} != '[]'`) });
        expect(job.if).toContain(`${source} != ''`);
      }
    }
  });

  it.each(workflows)("%s runs matrices over groups of stacks, not one job per stack (GitHub stops at 256)", (file) => {
    for (const job of Object.values(read(file).jobs)) {
      if (!job.strategy?.matrix) continue;
      expect(Object.keys(job.strategy.matrix)).toEqual(["batch"]);
      expect(job.env?.STACKS).toBe("${{ matrix.batch }}");
    }
  });
});

describe("the pull request workflow", () => {
  const pr = read("pull-request.yml");

  it("previews for real the platform, the hub stacks and the tenants grunnmur changed names", () => {
    // A tenant on another hub touches that hub's stack, not the platform's.
    const onNord = changedStacks(["tenants/alta.yaml"], new Set(["alta"]), { hubStacks: new Set(["hub-nord"]), tenantTouch: () => ({ hubStacks: new Set(["hub-nord"]), platformReads: false }) });
    expect([onNord.platform, onNord.hubs]).toEqual([false, new Set(["hub-nord"])]);
    const changed = pr.jobs.check.steps!.find((s) => (s.run ?? "").includes("npx grunnmur changed"))!;
    expect(changed.run).toContain('echo "platform=$(jq -c .platform <<<"$changed")" >>"$GITHUB_OUTPUT"');
    expect(changed.run).toContain('echo "hubs=$(jq -c .hubs <<<"$changed")" >>"$GITHUB_OUTPUT"');
    expect(pr.jobs.check.outputs?.platform).toBe("${{ steps.changed.outputs.platform }}");
    expect(pr.jobs.check.outputs?.hubs).toBe("${{ steps.changed.outputs.hubs }}");
    const platform = Object.values(pr.jobs).find((job) => /^bash \.ci\/pulumi preview platform$/m.test(runs(job)))!;
    expect(platform.if).toContain("needs.check.outputs.platform == 'true'");
    const previews = Object.values(pr.jobs).filter((job) => /^bash \.ci\/pulumi preview \$STACKS$/m.test(runs(job)));
    expect(previews.map((job) => job.strategy?.matrix?.batch).sort()).toEqual(["${{ fromJSON(needs.check.outputs.hubs) }}", "${{ fromJSON(needs.check.outputs.tenant_batches) }}"]);
  });

  it("reaches Azure only with the read-only identity, an OIDC token and read access to the code", () => {
    const jobs = azureJobs(pr);
    expect(jobs.map(([name]) => name).sort()).toEqual(["azure-hubs", "azure-platform", "azure-tenants"]);
    for (const [, job] of jobs) {
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      expect(envOf(pr, job).ARM_CLIENT_ID).toBe("${{ vars.AZURE_READER_CLIENT_ID }}");
      for (const login of (job.steps ?? []).filter((s) => s.uses?.startsWith("azure/login@"))) expect(login.with?.["client-id"]).toBe("${{ vars.AZURE_READER_CLIENT_ID }}");
      // The reader can decrypt stack secrets and the pull request's code runs in the preview:
      // the environment "preview" makes a platform team member approve the run first.
      expect(job.environment).toBe("preview");
      // Forks get no OIDC token; their pull requests stop at the offline checks.
      expect(job.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    }
    expect(fs.readFileSync(path.join(dir, "pull-request.yml"), "utf8")).not.toContain("AZURE_DEPLOY_CLIENT_ID");
  });

  it("only previews: no job runs pulumi up", () => {
    for (const job of Object.values(pr.jobs)) expect(runs(job)).not.toMatch(/\.ci\/pulumi up|pulumi up/);
  });
});

describe("the deploy workflow", () => {
  const deploy = read("deploy.yml");

  it("deploys only from a few protected environments, never one per tenant, and not the pull requests' one", () => {
    const jobs = azureJobs(deploy);
    const environments = jobs.map(([, job]) => job.environment);
    for (const environment of environments) {
      // A literal name: an expression such as tenant-${{ matrix.stack }} would make one per tenant.
      expect(typeof environment).toBe("string");
      expect(environment).not.toContain("${{");
    }
    expect([...new Set(environments)].sort()).toEqual(["platform", "tenants"]);
    for (const [, job] of jobs) {
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      expect(envOf(deploy, job).ARM_CLIENT_ID).toBe("${{ vars.AZURE_DEPLOY_CLIENT_ID }}");
      for (const login of (job.steps ?? []).filter((s) => s.uses?.startsWith("azure/login@"))) expect(login.with?.["client-id"]).toBe("${{ vars.AZURE_DEPLOY_CLIENT_ID }}");
    }
    expect(fs.readFileSync(path.join(dir, "deploy.yml"), "utf8")).not.toContain("AZURE_READER_CLIENT_ID");
  });

  it("deploys the platform first, then the hub stacks one at a time, then the tenants one at a time, and one deploy at a time", () => {
    expect(runs(deploy.jobs.platform)).toMatch(/^bash \.ci\/pulumi up platform$/m);
    const changed = deploy.jobs.changes.steps!.find((s) => (s.run ?? "").includes("npx grunnmur changed"))!;
    expect(changed.run).toContain('echo "hubs=$(jq -c .hubs <<<"$changed")" >>"$GITHUB_OUTPUT"');
    expect(deploy.jobs.changes.outputs?.hubs).toBe("${{ steps.changed.outputs.hubs }}");
    const hubs = deploy.jobs.hubs;
    expect(hubs.needs).toEqual(["changes", "platform"]);
    expect(hubs.if).toContain("needs.platform.result == 'success' || needs.platform.result == 'skipped'");
    expect(hubs.strategy?.matrix?.batch).toBe("${{ fromJSON(needs.changes.outputs.hubs) }}");
    expect(runs(hubs)).toMatch(/^bash \.ci\/pulumi up \$STACKS$/m);
    // Each hub stack writes a peering on the primary hub's network: never two at once.
    expect(hubs.strategy?.["max-parallel"]).toBe(1);
    // The hubs are the platform team's: its approval and its identity's trust.
    expect(hubs.environment).toBe("platform");
    const tenants = deploy.jobs.tenants;
    expect(tenants.needs).toEqual(["changes", "platform", "hubs"]);
    expect(tenants.if).toContain("needs.platform.result == 'success' || needs.platform.result == 'skipped'");
    expect(tenants.if).toContain("needs.hubs.result == 'success' || needs.hubs.result == 'skipped'");
    expect(runs(tenants)).toMatch(/^bash \.ci\/pulumi up \$STACKS$/m);
    // Each tenant writes a peering on the hub: never two at once.
    expect(tenants.strategy?.["max-parallel"]).toBe(1);
    expect(deploy.concurrency).toEqual({ group: "deploy", "cancel-in-progress": false });
  });

  it("compares with the last deploy that succeeded, so a failed or replaced run's changes are not skipped", () => {
    const changes = deploy.jobs.changes;
    expect(changes.permissions).toEqual({ contents: "read", actions: "read" });
    expect(runs(changes)).toContain("gh run list --workflow deploy.yml --branch main --status success");
    expect(runs(changes)).toContain('npx grunnmur changed --since "$SINCE"');
    // With no earlier success (the first deploy), every stack.
    expect(runs(changes)).toContain("npx grunnmur changed --all");
  });
});

describe("the region page on GitHub Pages", () => {
  const deploy = read("deploy.yml");
  const site = deploy.jobs.site;
  const pages = deploy.jobs.pages;

  it("is built with grunnmur site from a fresh offline preview, and uploaded as the Pages artifact", () => {
    const all = site.steps ?? [];
    const index = (pattern: RegExp) => all.findIndex((s) => pattern.test(s.run ?? ""));
    const preview = index(/npx grunnmur preview --out out\/preview/);
    const build = index(/^npx grunnmur site --out out\/site --previews out\/preview$/);
    const upload = all.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact@"));
    expect(preview).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(preview);
    expect(upload).toBeGreaterThan(build);
    expect(all[upload].with?.path).toBe("out/site");
  });

  it("is published after the deploys went through or had nothing to do, never after a failed one", () => {
    expect(site.needs).toEqual(["changes", "platform", "hubs", "tenants"]);
    for (const job of ["changes", "platform", "hubs", "tenants"]) expect(site.if).toMatch(new RegExp(`needs\\.${job}\\.result == 'success'`));
    expect(site.if).toContain("needs.tenants.result == 'skipped'");
    expect(pages.needs).toBe("site");
    expect((pages.steps ?? []).map((s) => s.uses?.replace(/@.*/, ""))).toEqual(["actions/deploy-pages"]);
    expect(pages.environment).toEqual({ name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" });
  });

  it("signs in to no Azure, and only the Pages job may write, to Pages alone", () => {
    for (const job of [site, pages]) expect(runs(job)).not.toMatch(/pulumi|az login/);
    expect(azureJobs(deploy).map(([name]) => name)).not.toContain("site");
    expect(site.permissions).toEqual({ contents: "read" });
    expect(pages.permissions).toEqual({ pages: "write", "id-token": "write" });
  });
});

describe("the site tests in CI", () => {
  it("have Chromium: .ci/run installs it before npm test", () => {
    const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8").split("\n");
    const install = ci.findIndex((l) => /apt-get install .*--no-install-recommends .*\bchromium\b/.test(l));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(ci.findIndex((l) => /^npm test$/.test(l.trim())));
  });
});

describe("the drift workflow", () => {
  const drift = read("drift.yml");

  it("checks every stack with the read-only identity and a refresh", () => {
    for (const [, job] of azureJobs(drift)) {
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      expect(envOf(drift, job).ARM_CLIENT_ID).toBe("${{ vars.AZURE_READER_CLIENT_ID }}");
    }
    // The platform, then every hub stack grunnmur changed --all names, then every tenant file.
    expect(runs(drift.jobs.stacks)).toContain("npx grunnmur changed --all");
    expect(runs(drift.jobs.stacks)).toContain('echo platform; [ -z "$hubs" ] || echo "$hubs"; for f in tenants/*.yaml');
    expect(runs(drift.jobs.drift)).toMatch(/bash \.ci\/pulumi drift \$STACKS/);
    expect(fs.readFileSync(path.join(REPO_ROOT, ".ci", "pulumi"), "utf8")).toContain("--refresh --expect-no-changes");
  });

  it("opens or updates an issue when it finds drift", () => {
    const [name, job] = Object.entries(drift.jobs).find(([, j]) => /\.ci\/drift-issue/.test(runs(j)))!;
    expect(job.permissions).toEqual({ contents: "read", issues: "write" });
    expect(job.needs).toContain("drift");
    expect({ name, runsAfterFailures: job.if?.startsWith("always()") }).toEqual({ name, runsAfterFailures: true });
    const script = fs.readFileSync(path.join(REPO_ROOT, ".ci", "drift-issue"), "utf8");
    for (const command of ["gh issue list --label", "gh issue create", "gh issue edit", "gh issue comment", "gh issue close"]) expect(script).toContain(command);
  });
});

describe("the secrets provider", () => {
  const bootstrap = fs.readFileSync(path.join(REPO_ROOT, "scripts", "bootstrap-state.sh"), "utf8");
  const key = /^key="([^"]+)"$/m.exec(bootstrap)?.[1];
  const vault = /^vault="([^"]+)"$/m.exec(bootstrap)?.[1];

  it("is one Key Vault key, named the same in the bootstrap script, every workflow and the README", () => {
    expect(key).toBe("pulumi-secrets");
    expect(vault).toBe("kv-${host}-state");
    expect(bootstrap).toContain('secrets_provider="azurekeyvault://${vault}.vault.azure.net/keys/${key}"');
    for (const file of workflows) {
      const doc = read(file);
      const usesPulumi = Object.values(doc.jobs).some((job) => /\.ci\/pulumi\b/.test(runs(job)));
      if (!usesPulumi) continue;
      expect({ file, provider: doc.env?.PULUMI_SECRETS_PROVIDER }).toEqual({ file, provider: `azurekeyvault://\${{ vars.PULUMI_STATE_VAULT }}.vault.azure.net/keys/${key}` });
      expect({ file, backend: doc.env?.PULUMI_BACKEND_URL }).toEqual({ file, backend: "azblob://pulumi-state?storage_account=${{ vars.PULUMI_STATE_ACCOUNT }}" });
      expect({ file, fallback: doc.env?.PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER }).toEqual({ file, fallback: "true" });
      expect(fs.readFileSync(path.join(dir, file), "utf8")).not.toMatch(/PULUMI_CONFIG_PASSPHRASE/);
    }
  });

  it("is given to every stack the README creates", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const url = `azurekeyvault://kv-<host>-state.vault.azure.net/keys/${key}`;
    expect(readme).toContain(`export PULUMI_SECRETS_PROVIDER='${url}'`);
    const creates = [...readme.matchAll(/pulumi stack (?:init|select --create)\b[^\n`]*/g)].map((m) => m[0]);
    expect(creates.length).toBeGreaterThanOrEqual(2);
    for (const create of creates) expect({ create, provider: /--secrets-provider (\S+)/.exec(create)?.[1] }).toEqual({ create, provider: '"$PULUMI_SECRETS_PROVIDER"' });
    expect(readme).not.toMatch(/PULUMI_CONFIG_PASSPHRASE/);
  });
});
