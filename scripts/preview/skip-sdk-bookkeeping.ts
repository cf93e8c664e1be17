/**
 * Two things the SDK records for every resource that no offline preview reads:
 *
 * - the resource's source position, for which Resource.callsites() captures a
 *   stack trace of unlimited depth and parses every frame with a regular
 *   expression (resource.js); the preview files never held positions
 *   (capture.ts reads none);
 * - the bookkeeping of debuggablePromise (runtime/debuggable.js): an Error for
 *   its stack, three defineProperty calls and a leak-candidate set entry per
 *   promise, read only by the leak report a process prints when it exits.
 *
 * Together they were about a tenth of a worker's time in a profile of the
 * synthetic 39-municipality region. Only preview workers install this, and a
 * test checks the files are byte for byte the same without it (preview-shortcuts);
 * `pulumi up` keeps both.
 */
import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };

export function skipSdkBookkeeping(): void {
  // The SDK calls both through the class and the module object, so replacing them there reaches every call.
  (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];
  debuggable.debuggablePromise = <T>(p: Promise<T>) => p;
}
