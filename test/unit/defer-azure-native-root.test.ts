import { spawnSync } from "node:child_process";
import * as path from "node:path";

const PREAMBLE = path.join(__dirname, "../../scripts/preview/worker-preamble.js");

/** Runs a script in a fresh Node process that starts as a preview worker does, and returns what it printed last as JSON. */
function inFreshWorker(script: string, env: Record<string, string> = {}): Record<string, unknown> {
  const run = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(PREAMBLE)});\n${script}`], { encoding: "utf8", env: { ...process.env, ...env }, cwd: path.join(__dirname, "../..") });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!);
}

const enumsLoaded = `() => Object.keys(require.cache).some((k) => k.includes("/@pulumi/azure-native/types/enums/"))`;

describe("deferring azure-native's package root in preview workers", () => {
  it("gives the real Provider without loading the root's service and enum modules", () => {
    const script = `
      const enums = ${enumsLoaded};
      const { Provider } = require("@pulumi/azure-native");
      console.log(JSON.stringify({ same: Provider === require("@pulumi/azure-native/provider").Provider, enums: enums(), modules: Object.keys(require.cache).length }));`;
    const deferred = inFreshWorker(script);
    const eager = inFreshWorker(script, { GRUNNMUR_EAGER_SDK: "1" });
    expect(deferred.same).toBe(true);
    expect(deferred.enums).toBe(false);
    expect(eager.enums).toBe(true);
    // The root alone is about 457 modules.
    expect((eager.modules as number) - (deferred.modules as number)).toBeGreaterThan(400);
  });

  it("answers everything else from the real root, loading it then", () => {
    const result = inFreshWorker(`
      const enums = ${enumsLoaded};
      const root = require("@pulumi/azure-native");
      const before = enums();
      console.log(JSON.stringify({
        before,
        vnet: root.network.VirtualNetwork === require("@pulumi/azure-native/network").VirtualNetwork,
        keys: ["Provider", "network", "storage"].every((k) => Object.keys(root).includes(k)),
        has: "network" in root,
        esModule: root.__esModule,
        after: enums(),
      }));`);
    expect(result).toEqual({ before: false, vnet: true, keys: true, has: true, esModule: true, after: true });
  });

  it("registers the package as the root does, so a provider reference comes back as a Provider", () => {
    const result = inFreshWorker(`
      const pulumi = require("@pulumi/pulumi");
      pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "p", "s", false);
      const rt = pulumi.runtime;
      const { Provider } = require("@pulumi/azure-native/provider");
      // A reference the engine hands back names a provider it knows: register one first.
      new Provider("hub", {}).urn.promise().then((urn) => {
        const ref = rt.deserializeProperty({ [rt.specialSigKey]: rt.specialResourceSig, urn, id: "hub" });
        const provider = ref instanceof Provider;
        ref.urn.promise().then(() => console.log(JSON.stringify({ provider, enums: (${enumsLoaded})() })));
      });`);
    expect(result).toEqual({ provider: true, enums: false });
  });
});
