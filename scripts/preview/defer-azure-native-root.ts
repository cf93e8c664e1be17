/**
 * Keeps azure-native's package root out of preview workers until something needs more of it
 * than its `Provider`.
 *
 * `@pulumi/azure-native/index.js` requires every one of its ~230 service modules and, through
 * `./types`, 210 enum modules: 457 modules and about 0.24 s of a worker's start on this project's
 * 2-core machine (docs/performance.md). The platform program reaches the root only for
 * `Provider` (stacks/platform/governance.ts imports it from "@pulumi/azure-native"; importing it
 * from "@pulumi/azure-native/provider" there would spare every process the root, `pulumi up`
 * included). Every other import names a service module, which azure-native loads lazily anyway.
 *
 * So a worker puts a stand-in for the root in Node's module cache before anything loads it. It
 * does what the root does at load that a program can observe: `Provider` (read from
 * `./provider`, as the root's own lazy getter reads it) and the registration of the package, so
 * a provider reference the engine hands back still becomes a Provider. Anything else read from it
 * loads the real root, under its own name, and answers from that; nothing azure-native offers is
 * lost, it only stops being paid for up front. The second registration the real root then makes
 * is one the SDK skips (same package, same version).
 *
 * Only the preview worker installs this (worker-preamble.ts); GRUNNMUR_EAGER_SDK=1 turns it off,
 * and test/integration/preview-shortcuts.test.ts checks the files are byte for byte the same.
 */
import Module from "node:module";
import * as path from "node:path";
import type { ProviderResource } from "@pulumi/pulumi";
import { loadReal } from "./defer-closure-serializer";

const ModuleCache = (Module as unknown as { _cache: Record<string, Module> })._cache;

/** The root's file, and the package's directory its relative requires resolve in. */
export function azureNativeRoot(): string {
  return require.resolve("@pulumi/azure-native");
}

type Exports = Record<string | symbol, unknown>;

/** Installs the stand-in; a no-op when the process has already loaded the real root. Returns whether it did. */
export function deferAzureNativeRoot(): boolean {
  const filename = azureNativeRoot();
  if (ModuleCache[filename]) return false;
  const dir = path.dirname(filename);
  const load = (file: string) => require(path.join(dir, file)) as Exports;
  let real: Exports | undefined;
  const root = () => (real ??= loadReal(filename) as Exports);
  const providerClass = () => load("provider.js").Provider as new (name: string, args: undefined, opts: { urn: string }) => ProviderResource;

  // As the root registers it (index.js, its last statement), so a provider reference deserialises the same.
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const utilities = load("utilities.js") as { getVersion(): string };
  pulumi.runtime.registerResourcePackage("azure-native", {
    version: utilities.getVersion(),
    constructProvider: (name: string, type: string, urn: string) => {
      if (type !== "pulumi:providers:azure-native") throw new Error(`unknown provider type ${type}`);
      return new (providerClass())(name, undefined, { urn });
    },
  });

  // What TypeScript's CommonJS output reads of a module it imports: __esModule, then the names.
  const own = (key: string | symbol) => key === "__esModule" || key === "Provider";
  const exportsStandIn = new Proxy({} as Exports, {
    get: (_target, key) => (key === "__esModule" ? true : key === "Provider" ? providerClass() : root()[key]),
    has: (_target, key) => own(key) || key in root(),
    ownKeys: () => Reflect.ownKeys(root()),
    // Reported as configurable: the proxy's own target has none of these, and a proxy may not claim otherwise.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(root(), key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    set: (_target, key, value) => Reflect.set(root(), key, value),
  });

  const standIn = new Module(filename) as Module & { loaded: boolean };
  standIn.filename = filename;
  standIn.loaded = true;
  standIn.exports = exportsStandIn;
  ModuleCache[filename] = standIn;
  return true;
}
