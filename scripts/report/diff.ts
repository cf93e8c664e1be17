/**
 * What a change does to each stack, computed from two sets of previews (the
 * baseline, e.g. main, and the change): resources added, removed and changed by
 * URN, with the inputs that changed. Removing or replacing a protected or
 * stateful resource is blocking: it could lose a municipality's data.
 */
import type { StackPreview } from "../preview/preview-file";
import { covers, restrictToScope } from "../preview/platform-scope";
import { PLATFORM_STACK, stackKind } from "../../stacks/contract";
import { formerUrns } from "./aliases";
import { isLeaving, removalBlocker } from "./offboarding-guard";
import { renumbering } from "./renumbering";
import { azureName, keyInputs } from "./resource-summary";
import { hubMove } from "./hub-move";
import { localToday } from "../../tenants/validation/date-rules";

type Resource = StackPreview["resources"][number];

/** Types whose loss loses data or audit trails, protected or not. */
export const STATEFUL_TYPES = new Set([
  "azure-native:storage:StorageAccount",
  "azure-native:storage:FileShare",
  "azure-native:recoveryservices:Vault",
  "azure-native:recoveryservices:ProtectedItem",
  "azure-native:keyvault:Vault",
  "azure-native:operationalinsights:Workspace",
  "azure-native:dataprotection:ResourceGuard",
]);

/** Inputs whose change makes Azure replace the resource rather than update it. */
const REPLACING_INPUTS = new Set(["location", "resourceGroupName", "kind"]);

export interface InputChange {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly kind: "added" | "removed" | "changed" | "replaced";
  readonly inputs: InputChange[];
  /** Why the change blocks the merge; undefined when it does not. */
  readonly blocking?: string;
  /** What kind of reason blocks it, for the report's headline. */
  readonly blockingReason?: BlockingReason;
  /**
   * Removed from the program with retainOnDelete: Pulumi forgets it and Azure keeps it, so it
   * is still billed until deleted by hand (https://www.pulumi.com/docs/iac/concepts/options/retainondelete/).
   */
  readonly retained?: boolean;
  /** An added resource's name in Azure and the inputs that decide what it does (resource-summary.ts). */
  readonly azureName?: string;
  readonly keyInputs?: readonly string[];
}

/** Why a change blocks: data deleted, data replaced, a spoke renumbered, or resources added to a leaving tenant. */
export type BlockingReason = "deletes-data" | "replaces-data" | "renumbers" | "moves-hub" | "leaving-adds";

export interface StackDiff {
  readonly stack: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly changes: ResourceChange[];
}

function isReplacingKey(resource: Resource, key: string): boolean {
  // A physical name (accountName, vaultName, ...) cannot be changed in place.
  return REPLACING_INPUTS.has(key) || (key.endsWith("Name") && key !== "displayName" && resource.custom);
}

/** The subscription in a resource's ARM id: the offline preview gives each the one of its provider. */
function subscriptionInId(resource: Resource): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(resource.id ?? "")?.[1]?.toLowerCase();
}

function providerLabel(provider: Resource["provider"]): string {
  return provider ? `${provider.name}${provider.subscriptionId ? ` (subscription ${provider.subscriptionId})` : ""}` : "the default provider";
}

/**
 * What a change of provider does, when both previews recorded one (files from
 * before providers were recorded say nothing, and their ids do not follow the
 * provider). Another subscription is another resource in Azure, whose ids
 * contain the subscription: a replacement. The same subscription through
 * another provider is a change Pulumi asks the provider about
 * (https://github.com/pulumi/pulumi/pull/18509): shown, not a replacement.
 */
function providerChange(before: Resource, after: Resource): { change: InputChange; replaces: boolean } | undefined {
  if (before.provider === undefined || after.provider === undefined) return undefined;
  const [from, to] = [subscriptionInId(before), subscriptionInId(after)];
  if (from && to && from !== to) return { change: { key: "subscription", before: from, after: to }, replaces: true };
  if ((before.provider?.urn ?? null) === (after.provider?.urn ?? null)) return undefined;
  return { change: { key: "provider", before: providerLabel(before.provider), after: providerLabel(after.provider) }, replaces: false };
}

function stateful(resource: Resource): boolean {
  return resource.options.protect || STATEFUL_TYPES.has(resource.type);
}

export interface DiffOptions {
  /** YYYY-MM-DD a leaving date is judged against; defaults to today. */
  readonly today?: string;
}

export function diffStack(stack: string, before: StackPreview | undefined, after: StackPreview | undefined, options: DiffOptions = {}): StackDiff {
  // Removal is allowed only once main shows the approved departure, with the data exported and the date passed.
  const removalBlocked = removalBlocker(stack, before, options.today ?? localToday(), after);
  const leavingNow = isLeaving(after);
  const a = new Map((before?.resources ?? []).map((r) => [r.urn, r]));
  const b = new Map((after?.resources ?? []).map((r) => [r.urn, r]));
  // A resource that moved under an alias is the same resource: compare it under its new URN.
  for (const r of b.values()) {
    if (a.has(r.urn)) continue;
    const former = formerUrns(r).find((urn) => a.has(urn) && !b.has(urn));
    if (former) {
      a.set(r.urn, a.get(former)!);
      a.delete(former);
    }
  }
  const changes: ResourceChange[] = [];
  for (const [urn, r] of b) {
    const old = a.get(urn);
    if (!old) {
      changes.push({
        urn,
        type: r.type,
        name: r.name,
        kind: "added",
        inputs: [],
        azureName: azureName(r),
        keyInputs: keyInputs(r),
        blocking: leavingNow ? `${r.name} (${r.type.replace("azure-native:", "")}) would be added, but ${stack} is marked as leaving and takes no new resources` : undefined,
        blockingReason: leavingNow ? "leaving-adds" : undefined,
      });
      continue;
    }
    const keys = [...new Set([...Object.keys(old.inputs), ...Object.keys(r.inputs)])].sort();
    const inputs = keys
      .filter((k) => JSON.stringify(old.inputs[k]) !== JSON.stringify(r.inputs[k]))
      .map((k) => ({ key: k, before: old.inputs[k], after: r.inputs[k] }));
    const moved = providerChange(old, r);
    if (moved) inputs.unshift(moved.change);
    if (inputs.length === 0) continue;
    const replacing = (c: InputChange) => (c === moved?.change ? moved.replaces : isReplacingKey(r, c.key));
    const replaced = inputs.some(replacing);
    changes.push({
      urn,
      type: r.type,
      name: r.name,
      kind: replaced ? "replaced" : "changed",
      inputs,
      blocking: replaced && stateful(old) ? `${r.name} (${r.type.replace("azure-native:", "")}) would be replaced, losing its data: ${inputs.filter(replacing).map((c) => c.key).join(", ")} changed` : undefined,
      blockingReason: replaced && stateful(old) ? "replaces-data" : undefined,
    });
  }
  for (const [urn, r] of a) {
    if (b.has(urn)) continue;
    changes.push({
      urn,
      type: r.type,
      name: r.name,
      kind: "removed",
      inputs: [],
      blocking:
        stateful(r) && removalBlocked
          ? `${r.name} (${r.type.replace("azure-native:", "")}) would be deleted${r.options.protect ? " although it is protected" : ""}; ${removalBlocked}`
          : undefined,
      blockingReason: stateful(r) && removalBlocked ? "deletes-data" : undefined,
      retained: r.options.retainOnDelete === true,
    });
  }
  const moved = renumbering(stack, before, after);
  if (moved) {
    const vnet = changes.findIndex((c) => c.type === "azure-native:network:VirtualNetwork" && c.inputs.some((i) => i.key === "addressSpace"));
    if (vnet >= 0) {
      changes[vnet] = changes[vnet].blocking ? changes[vnet] : { ...changes[vnet], blocking: `${changes[vnet].name} (network:VirtualNetwork): ${moved.message}`, blockingReason: "renumbers" };
    } else {
      changes.push({ urn: `urn:pulumi:${stack}::grunnmur::outputs::addressSpace`, type: "stack output", name: "addressSpace", kind: "changed", inputs: [{ key: "addressSpace", before: moved.before, after: moved.after }], blocking: moved.message, blockingReason: "renumbers" });
    }
  }
  const hubChange = hubMove(stack, before, after);
  if (hubChange) {
    changes.push({ urn: `urn:pulumi:${stack}::grunnmur::outputs::hub`, type: "stack output", name: "hub", kind: "changed", inputs: [{ key: "hub", before: hubChange.before, after: hubChange.after }], blocking: hubChange.message, blockingReason: "moves-hub" });
  }
  const order = { removed: 0, replaced: 1, changed: 2, added: 3 };
  changes.sort((x, y) => order[x.kind] - order[y.kind] || x.urn.localeCompare(y.urn));
  const status = !before ? "added" : !after ? "removed" : changes.length > 0 ? "changed" : "unchanged";
  return { stack, status, changes };
}

/**
 * A preview of some tenants only (a pull request's check) is compared with the
 * same part of the baseline: the platform's shared core and those tenants'
 * attachments, the hub stacks of those tenants (their hub and their
 * attachments), and those tenants' stacks. A tenant or hub stack not previewed
 * is left out, not counted as removed; one whose file is gone still shows as
 * removed.
 */
export function comparableBaseline(baseline: ReadonlyMap<string, StackPreview>, current: ReadonlyMap<string, StackPreview>): Map<string, StackPreview> {
  const scope = current.get("platform")?.scope;
  if (!scope) return new Map(baseline);
  const out = new Map<string, StackPreview>();
  for (const [stack, preview] of baseline) {
    if (stack === PLATFORM_STACK) out.set(stack, restrictToScope(preview, scope));
    else if (stackKind(stack) === "hub") {
      const now = current.get(stack);
      if (now) out.set(stack, restrictToScope(preview, now.scope ?? scope));
      // A hub stack of the region that the preview did not run; one no longer in the region is removed.
      else if (!(scope.hubStacks ?? []).includes(stack)) out.set(stack, preview);
    } else if (covers(scope, stack)) out.set(stack, preview);
  }
  return out;
}

export function diffRegion(baseline: ReadonlyMap<string, StackPreview>, current: ReadonlyMap<string, StackPreview>, options: DiffOptions = {}): StackDiff[] {
  const comparable = comparableBaseline(baseline, current);
  // The platform first, then the hub stacks, then the tenants.
  const rank = (s: string) => ({ platform: 0, hub: 1, tenant: 2 })[stackKind(s)];
  const stacks = [...new Set([...comparable.keys(), ...current.keys()])].sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
  return stacks.map((s) => diffStack(s, comparable.get(s), current.get(s), options));
}
