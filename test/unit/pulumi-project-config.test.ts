import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../tenants/paths";
import { projectConfigErrors, type PulumiProject } from "../helpers/pulumi-project-config";

const project = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as PulumiProject;
const stackFiles = fs.readdirSync(REPO_ROOT).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f));

describe("the engine's project config rules", () => {
  it("refuse a declared key with no default that the stack does not set", () => {
    const declared: PulumiProject = { name: "p", config: { a: { type: "string" }, b: { type: "string", default: "x" } } };
    expect(projectConfigErrors(declared, "dev", {})).toEqual(["Stack 'dev' is missing configuration value 'a'"]);
    expect(projectConfigErrors(declared, "dev", { "p:a": "set" })).toEqual([]);
  });

  it("refuse a default of another type and an unencrypted secret", () => {
    expect(projectConfigErrors({ name: "p", config: { n: { type: "integer", default: "3" } } }, "dev", {})).toEqual(["Stack 'dev' with configuration key 'n' must be of type 'integer'"]);
    expect(projectConfigErrors({ name: "p", config: { s: { type: "string", secret: true } } }, "dev", { "p:s": "plain" })).toEqual([
      "Stack 'dev' with configuration key 's' must be encrypted as it's secret",
    ]);
  });

  it("do not require keys of another namespace", () => {
    expect(projectConfigErrors({ name: "p", config: { "azure-native:location": { type: "string" } } }, "dev", {})).toEqual([]);
  });
});

describe("Pulumi.yaml", () => {
  it("lets a new stack with no config of its own run (platform and any tenant)", () => {
    for (const stack of ["platform", "alta", "a-brand-new-tenant"]) {
      expect(projectConfigErrors(project, stack, {})).toEqual([]);
    }
  });

  it("is accepted for every committed stack file", () => {
    for (const file of stackFiles) {
      const stack = file.split(".")[1];
      const config = (parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
      expect({ file, errors: projectConfigErrors(project, stack, config) }).toEqual({ file, errors: [] });
    }
  });

  it("declares every key the entry point reads", () => {
    const entry = fs.readFileSync(path.join(REPO_ROOT, "stacks", "index.ts"), "utf8");
    const read = [...entry.matchAll(/config\.(?:get|require)\w*\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((key) => !(key in (project.config ?? {})))).toEqual([]);
  });
});
