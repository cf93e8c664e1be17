/**
 * What a reviewer needs to know of a resource a change adds: the name it gets in Azure
 * and its few inputs that decide what it does (address space, rules, size), not every
 * input. Pure over one previewed resource.
 */
import type { StackPreview } from "../preview/preview-file";

type Resource = Pick<StackPreview["resources"][number], "type" | "inputs">;

const lower = (s: string) => s.toLowerCase();

/**
 * The resource's name in Azure. azure-native names it by an input `<type>Name`, or a
 * shorter `<end of type>Name` (a StorageAccount's accountName, a FileShare's shareName);
 * the inputs naming its parents (resourceGroupName, a share's accountName) end other types.
 */
export function azureName(resource: Resource): string | undefined {
  const typeName = resource.type.split(":").pop() ?? "";
  const candidates = Object.entries(resource.inputs)
    .filter(([key, value]) => key.endsWith("Name") && key !== "displayName" && typeof value === "string" && lower(typeName).endsWith(lower(key.slice(0, -"Name".length))))
    .sort(([a], [b]) => b.length - a.length);
  if (candidates.length > 0) return String(candidates[0][1]);
  const name = resource.inputs.name ?? resource.inputs.displayName;
  return typeof name === "string" ? name : undefined;
}

const list = (values: unknown): string => (Array.isArray(values) ? values.map(String).join(", ") : String(values));

interface Rule {
  name?: string;
  access?: string;
  direction?: string;
  priority?: number;
  protocol?: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

function nsgRule(r: Rule): string {
  const from = r.sourceAddressPrefixes?.length ? list(r.sourceAddressPrefixes) : (r.sourceAddressPrefix ?? "*");
  const to = r.destinationAddressPrefixes?.length ? list(r.destinationAddressPrefixes) : (r.destinationAddressPrefix ?? "*");
  const ports = r.destinationPortRanges?.length ? list(r.destinationPortRanges) : (r.destinationPortRange ?? "*");
  return `${r.name ?? "?"} ${r.priority ?? ""} ${r.access ?? ""} ${r.direction ?? ""} ${r.protocol ?? "*"} ${from} → ${to}:${ports}`.replace(/\s+/g, " ");
}

interface FirewallRule {
  name?: string;
  ruleType?: string;
  sourceAddresses?: string[];
  destinationAddresses?: string[];
  destinationFqdns?: string[];
  targetFqdns?: string[];
  destinationPorts?: string[];
  ipProtocols?: string[];
  protocols?: Array<{ protocolType?: string; port?: number }>;
}

function firewallRule(r: FirewallRule): string {
  const to = [...(r.destinationAddresses ?? []), ...(r.destinationFqdns ?? []), ...(r.targetFqdns ?? [])];
  const ports = r.destinationPorts?.length ? r.destinationPorts.join(",") : (r.protocols ?? []).map((p) => `${p.protocolType ?? ""}/${p.port ?? ""}`).join(",");
  return `${r.name ?? "?"}: ${list(r.sourceAddresses ?? ["*"])} → ${to.length ? to.join(", ") : "*"}${ports ? `:${ports}` : ""}`;
}

/** At most this many rules are written out per resource; the rest are counted. */
export const MAX_RULES_SHOWN = 6;

function rules<T>(items: readonly T[], show: (item: T) => string): string {
  const shown = items.slice(0, MAX_RULES_SHOWN).map(show);
  return `${items.length} rule${items.length === 1 ? "" : "s"}${shown.length ? `: ${shown.join("; ")}` : ""}${items.length > MAX_RULES_SHOWN ? `; and ${items.length - MAX_RULES_SHOWN} more` : ""}`;
}

/** The inputs that decide what the resource does, as "label: value" lines. */
export function keyInputs(resource: Resource): string[] {
  const i = resource.inputs as Record<string, unknown>;
  const out: string[] = [];
  const addressSpace = (i.addressSpace as { addressPrefixes?: unknown } | undefined)?.addressPrefixes;
  if (addressSpace) out.push(`address space: ${list(addressSpace)}`);
  if (i.addressPrefix) out.push(`address prefix: ${String(i.addressPrefix)}`);
  if (Array.isArray(i.addressPrefixes) && i.addressPrefixes.length) out.push(`address prefixes: ${list(i.addressPrefixes)}`);
  const vmSize = (i.hardwareProfile as { vmSize?: unknown } | undefined)?.vmSize;
  if (vmSize) out.push(`size: ${String(vmSize)}`);
  const sku = i.sku as { name?: unknown; tier?: unknown } | string | undefined;
  if (sku) out.push(`sku: ${typeof sku === "string" ? sku : [sku.name, sku.tier].filter(Boolean).map(String).join(" / ")}`);
  if (i.shareQuota !== undefined) out.push(`quota: ${String(i.shareQuota)} GiB`);
  const dataDisks = (i.storageProfile as { dataDisks?: Array<{ diskSizeGB?: number }> } | undefined)?.dataDisks;
  if (dataDisks?.length) out.push(`data disks: ${dataDisks.map((d) => `${d.diskSizeGB ?? "?"} GB`).join(", ")}`);
  if (i.diskSizeGB !== undefined) out.push(`disk: ${String(i.diskSizeGB)} GB`);
  if (Array.isArray(i.securityRules)) out.push(`security rules: ${rules(i.securityRules as Rule[], nsgRule)}`);
  if (Array.isArray(i.ruleCollections)) {
    for (const c of i.ruleCollections as Array<{ name?: string; priority?: number; action?: { type?: string }; rules?: FirewallRule[] }>) {
      out.push(`rule collection ${c.name ?? "?"} (${c.action?.type ?? "?"}, priority ${c.priority ?? "?"}): ${rules(c.rules ?? [], firewallRule)}`);
    }
  }
  return out;
}
