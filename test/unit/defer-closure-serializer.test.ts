import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { DEFERRED_SDK_MODULES, loadReal, sdkFile } from "../../scripts/preview/defer-closure-serializer";

const PREAMBLE = path.join(__dirname, "../../scripts/preview/worker-preamble.js");

/** Runs a script in a fresh Node process, as a preview worker starts. */
function inFreshNode(script: string, env: Record<string, string> = {}): Record<string, unknown> {
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, ...env }, cwd: path.join(__dirname, "../..") });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!);
}

const LOAD_SDK = `
  require(${JSON.stringify(PREAMBLE)});
  const pulumi = require("@pulumi/pulumi");
  const loaded = () => Object.keys(require.cache);
  const typescriptLoaded = () => loaded().some((k) => k.includes("/node_modules/typescript/"));
`;

describe("deferring the SDK's function serialiser in preview workers", () => {
  it.each(DEFERRED_SDK_MODULES.map((m) => [m.file, m.exports] as const))("stands in for every function %s exports", (file, exports) => {
    const real = loadReal(sdkFile(file));
    const functions = Object.keys(real).filter((k) => typeof real[k] === "function").sort();
    // An SDK upgrade that adds or renames an export must update DEFERRED_SDK_MODULES.
    expect([...exports].sort()).toEqual(functions);
  });

  it("keeps TypeScript and npm's Arborist out of a worker that never serialises a function", () => {
    const deferred = inFreshNode(`${LOAD_SDK} console.log(JSON.stringify({ modules: loaded().length, typescript: typescriptLoaded(), arborist: loaded().some((k) => k.includes("@npmcli/arborist")) }));`);
    const eager = inFreshNode(`${LOAD_SDK} console.log(JSON.stringify({ modules: loaded().length, typescript: typescriptLoaded() }));`, { GRUNNMUR_EAGER_SDK: "1" });
    expect(deferred.typescript).toBe(false);
    expect(deferred.arborist).toBe(false);
    expect(eager.typescript).toBe(true);
    expect(deferred.modules as number).toBeLessThan((eager.modules as number) / 2);
  });

  it("still serialises a function when asked, by loading the real module then", () => {
    const result = inFreshNode(`${LOAD_SDK}
      const before = typescriptLoaded();
      pulumi.runtime.serializeFunction(() => 40 + 2).then((f) =>
        console.log(JSON.stringify({ before, after: typescriptLoaded(), text: f.text })));`);
    expect(result.before).toBe(false);
    expect(result.after).toBe(true);
    expect(result.text).toContain("40 + 2");
  });
});
