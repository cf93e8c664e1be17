import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../tenants/paths";

const dir = path.join(REPO_ROOT, ".github", "workflows");
const workflows = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
const cliSource = fs.readFileSync(path.join(REPO_ROOT, "scripts", "cli.ts"), "utf8");

type Step = { uses?: string; run?: string };
const steps = (doc: { jobs: Record<string, { steps?: Step[] }> }) => Object.values(doc.jobs).flatMap((j) => j.steps ?? []);

describe("GitHub workflows", () => {
  it("exist for pull requests, deploys and drift", () => {
    expect(workflows.sort()).toEqual(["deploy.yml", "drift.yml", "pull-request.yml"]);
  });

  it.each(workflows)("%s parses as a workflow with jobs and steps", (file) => {
    const doc = parse(fs.readFileSync(path.join(dir, file), "utf8"));
    expect(doc.on).toBeDefined();
    expect(Object.keys(doc.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(doc.jobs) as Array<{ steps?: Step[] }>) expect(job.steps?.length).toBeGreaterThan(0);
  });

  it.each(workflows)("%s pins every action to a version", (file) => {
    for (const step of steps(parse(fs.readFileSync(path.join(dir, file), "utf8")))) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    }
  });

  it.each(workflows)("%s runs only commands and scripts that exist", (file) => {
    const commands = new Set([...cliSource.matchAll(/spec: (\w+)Spec/g)].map((m) => m[1]));
    const known = (name: string) => [...commands].some((c) => c.toLowerCase() === name.replace(/-/g, "").toLowerCase());
    for (const step of steps(parse(fs.readFileSync(path.join(dir, file), "utf8")))) {
      for (const m of (step.run ?? "").matchAll(/npx grunnmur ([\w-]+)/g)) expect({ command: m[1], exists: known(m[1]) }).toEqual({ command: m[1], exists: true });
      for (const m of (step.run ?? "").matchAll(/npm (?:run )?(test|start|[\w:-]+)(?=\s|$)/g)) {
        if (m[1] !== "ci") expect({ script: m[1], exists: m[1] in pkg.scripts }).toEqual({ script: m[1], exists: true });
      }
    }
  });
});
