/**
 * What `grunnmur changed` reads of a tenant or platform file, without the
 * validation: the hub a tenant is on and the parts the platform reads
 * (domain/azure/platform-reads-tenant.ts). The baseline version of a file comes
 * from git and may not pass today's schema, and a file this change breaks is
 * the validation's to report, not this one's. Pure: text in, facts out.
 */
import { parse } from "yaml";
import { HUB_KEY_PATTERN, type HubSpecInput, type PlatformHubsInput, type TenantHubInput } from "../../domain/network/hub-placement";
import type { PlatformReadsInput } from "../../domain/azure/platform-reads-tenant";

/** A tenant file read leniently: enough to place it on a hub and to tell what the platform reads. */
export type LenientTenant = TenantHubInput & PlatformReadsInput;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function parsed(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A tenant file's text, or undefined when it is no YAML mapping with a quoted
 * kommunenummer of at least two digits (the county places the tenant) and,
 * where it pins a hub, a pin written as a hub key.
 */
export function readTenantLeniently(slug: string, text: string): LenientTenant | undefined {
  const doc = parsed(text);
  if (!isRecord(doc)) return undefined;
  const kommunenummer = doc.kommunenummer;
  if (typeof kommunenummer !== "string" || !/^\d{2}/.test(kommunenummer)) return undefined;
  const network = doc.network;
  if (network !== undefined && network !== null && !isRecord(network)) return undefined;
  const hub = isRecord(network) ? network.hub : undefined;
  if (hub !== undefined && hub !== null && (typeof hub !== "string" || !HUB_KEY_PATTERN.test(hub))) return undefined;
  const azure = isRecord(doc.azure) ? doc.azure : undefined;
  return {
    slug,
    kommunenummer,
    network: { ...(typeof hub === "string" ? { hub } : {}), ...(isRecord(network) && network.addressSpace != null ? { addressSpace: network.addressSpace } : {}) },
    wifi: doc.wifi ?? undefined,
    azure: azure && { subscriptionId: azure.subscriptionId ?? undefined, subscription: isRecord(azure.subscription) ? { create: azure.subscription.create } : undefined },
    waivers: doc.waivers ?? undefined,
    offboarding: doc.offboarding ?? undefined,
  };
}

/**
 * The hubs of platform.yaml (network.hub and network.hubs) as placement reads
 * them. Keys that are no hub key, and counties that are no strings, are left
 * out: the validation reports them. Throws, naming the field, when there is
 * nothing to place tenants with.
 */
export function readPlatformHubsLeniently(file: string, text: string): PlatformHubsInput {
  const doc = parsed(text);
  const network = isRecord(doc) ? doc.network : undefined;
  if (!isRecord(network) || !isRecord(network.hub)) {
    throw new Error(`${file}: network.hub is missing or is not YAML this can read, so no tenant can be placed on a hub; run npx grunnmur validate for the details`);
  }
  if (network.hubs !== undefined && network.hubs !== null && !isRecord(network.hubs)) {
    throw new Error(`${file}: network.hubs must be a mapping of hub keys (e.g. nord: { addressSpace: 10.95.8.0/22, counties: ["56"] }); run npx grunnmur validate for the details`);
  }
  const hubs: Record<string, HubSpecInput> = {};
  for (const [key, hub] of Object.entries(isRecord(network.hubs) ? network.hubs : {})) {
    if (!HUB_KEY_PATTERN.test(key) || !isRecord(hub)) continue;
    const counties = Array.isArray(hub.counties) ? hub.counties.filter((c): c is string => typeof c === "string") : [];
    hubs[key] = { addressSpace: String(hub.addressSpace ?? ""), counties };
  }
  return { network: { hub: { addressSpace: String(network.hub.addressSpace ?? "") }, hubs } };
}
