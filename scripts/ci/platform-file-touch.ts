/**
 * Which stacks a change of platform.yaml touches. Most of the file is read by
 * every stack, so a change there touches everything; but a hub's gateway SKU
 * and firewall tier are read by that hub's stack alone (stacks/hub/program.ts;
 * the platform routes to another hub by its address space and counties, never
 * its SKU or tier), so raising one hub's gateway, the usual step when it fills
 * up, touches only `hub-<key>`. And a municipality's registered subscription,
 * `subscriptions.<slug>`, is read for that municipality alone (its own stack,
 * its hub's, and the platform's only when the platform reads its file:
 * changed-stacks.ts tenantTouch), so registering one, the step that comes with
 * onboarding a municipality with its own subscription, touches what a change
 * of its tenant file would. Pure: the caller parses both versions.
 */
import { hubStackName } from "../../domain/azure/stack-names";
import { HUB_MAIN } from "../../domain/network/hub-placement";

/** Fields of `network.hubs.<key>` that only that hub's stack reads. */
export const HUB_STACK_ONLY_FIELDS = ["vpnGatewaySku", "firewallTier"] as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** What a change of platform.yaml touches when it is not everything. */
export interface PlatformFileTouch {
  /** Hub stacks (`hub-<key>`) whose hub-only fields changed. */
  readonly hubStacks: ReadonlySet<string>;
  /** Slugs whose `subscriptions.<slug>` entry was added, changed or removed: each touches what its tenant file's change would. */
  readonly tenants: ReadonlySet<string>;
}

/** The file without `subscriptions`, and that map (an empty one when absent or not a map). */
function splitSubscriptions(file: unknown): { rest: unknown; subscriptions: Json } {
  if (!isObject(file)) return { rest: file, subscriptions: {} };
  const { subscriptions, ...rest } = file;
  // Anything but a map is compared with the rest, so a change to or from it touches everything.
  if (subscriptions !== undefined && !isObject(subscriptions)) return { rest: file, subscriptions: {} };
  return { rest, subscriptions: subscriptions ?? {} };
}

/** The file without the hub-only fields of `network.hubs.<key>`, and those fields by hub key. */
function split(file: unknown): { rest: unknown; hubOnly: Record<string, Json> } {
  if (!isObject(file) || !isObject(file.network) || !isObject(file.network.hubs)) return { rest: file, hubOnly: {} };
  const hubOnly: Record<string, Json> = {};
  const hubs: Json = {};
  for (const [key, hub] of Object.entries(file.network.hubs)) {
    if (!isObject(hub) || key === HUB_MAIN) {
      hubs[key] = hub;
      continue;
    }
    const own: Json = {};
    const shared: Json = {};
    for (const [field, value] of Object.entries(hub)) ((HUB_STACK_ONLY_FIELDS as readonly string[]).includes(field) ? own : shared)[field] = value;
    hubOnly[key] = own;
    hubs[key] = shared;
  }
  return { rest: { ...file, network: { ...file.network, hubs } }, hubOnly };
}

/** Equal as YAML values: key order does not matter, list order does. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return a === b;
}

/**
 * The hub stacks and tenants a change of platform.yaml from `before` to `after`
 * touches, when it changes only hub-only fields of hubs that exist in both and
 * municipalities' registered subscriptions; "all" otherwise (any other change, a hub
 * added or removed, or a version that could not be parsed: undefined).
 */
export function platformFileTouch(before: unknown, after: unknown): PlatformFileTouch | "all" {
  if (before === undefined || after === undefined) return "all";
  const wasSubs = splitSubscriptions(before);
  const nowSubs = splitSubscriptions(after);
  const was = split(wasSubs.rest);
  const now = split(nowSubs.rest);
  if (!same(was.rest, now.rest)) return "all";
  const hubStacks = new Set<string>();
  for (const key of new Set([...Object.keys(was.hubOnly), ...Object.keys(now.hubOnly)])) {
    if (!same(was.hubOnly[key], now.hubOnly[key])) hubStacks.add(hubStackName(key));
  }
  const tenants = new Set<string>();
  for (const slug of new Set([...Object.keys(wasSubs.subscriptions), ...Object.keys(nowSubs.subscriptions)])) {
    // Compared case-insensitively as Azure does; a registration given as anything but text touches everything.
    const a = wasSubs.subscriptions[slug];
    const b = nowSubs.subscriptions[slug];
    if ((a !== undefined && typeof a !== "string") || (b !== undefined && typeof b !== "string")) return "all";
    if (a?.toLowerCase() !== b?.toLowerCase()) tenants.add(slug);
  }
  return { hubStacks, tenants };
}
