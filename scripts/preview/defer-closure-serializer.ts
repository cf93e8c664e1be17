/**
 * Keeps the Pulumi SDK's function serialiser out of preview workers until something calls it.
 *
 * `@pulumi/pulumi/runtime/index.js` requires `runtime/closure/*` eagerly, and with them
 * TypeScript, npm's Arborist, pacote and sigstore: about 480 of the 820 modules a worker
 * loaded, and 0.5–0.7 s of every worker's start (measured with `npm run bench`; see
 * docs/performance.md). Our programs never serialise a function (that is for "magic" lambdas and
 * dynamic providers), so each worker puts a stand-in for those two modules in Node's module
 * cache before the SDK loads. A stand-in forwards every call to the real module, loading it
 * on first use, so nothing the SDK can do is lost; it only stops being paid for up front.
 *
 * Only the preview worker installs this. `pulumi up` for users loads the SDK untouched.
 */
import Module from "node:module";
import * as path from "node:path";

interface DeferredModule {
  /** Path inside the @pulumi/pulumi package. */
  readonly file: string;
  /** Every function the real module exports; test/unit/defer-closure-serializer.test.ts keeps this honest. */
  readonly exports: readonly string[];
}

export const DEFERRED_SDK_MODULES: readonly DeferredModule[] = [
  { file: "runtime/closure/serializeClosure.js", exports: ["serializeFunction", "serializeFunctionAsync"] },
  { file: "runtime/closure/codePaths.js", exports: ["computeCodePaths", "findWorkspaceRoot"] },
];

// Module's loader internals are untyped in @types/node; these are the ones Node itself uses.
type LoadableModule = Module & { load(filename: string): void; loaded: boolean };
const ModuleCtor = Module as unknown as {
  new (id: string, parent: Module | null): LoadableModule;
  _nodeModulePaths(from: string): string[];
  _cache: Record<string, Module>;
};

export function sdkFile(file: string): string {
  return path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), file);
}

/** Loads the real module under its own name, bypassing the stand-in in the cache. */
export function loadReal(filename: string): Record<string, unknown> {
  const real = new ModuleCtor(filename, null);
  real.filename = filename;
  real.paths = ModuleCtor._nodeModulePaths(path.dirname(filename));
  real.load(filename);
  return real.exports as Record<string, unknown>;
}

/** Installs the stand-ins; a no-op for any module the process has already loaded. */
export function deferClosureSerializer(): string[] {
  const installed: string[] = [];
  for (const deferred of DEFERRED_SDK_MODULES) {
    const filename = sdkFile(deferred.file);
    if (ModuleCtor._cache[filename]) continue;
    let real: Record<string, unknown> | undefined;
    const target = () => (real ??= loadReal(filename));
    const standIn = new ModuleCtor(filename, null);
    standIn.filename = filename;
    standIn.loaded = true;
    standIn.exports = Object.fromEntries(
      deferred.exports.map((name) => [name, (...args: unknown[]) => (target()[name] as (...a: unknown[]) => unknown)(...args)]),
    );
    ModuleCtor._cache[filename] = standIn;
    installed.push(deferred.file);
  }
  return installed;
}
