/**
 * Azure Resource Manager ids, parsed once here. Policies compare scopes and
 * references through this parser, never by splitting strings themselves.
 */

export type ScopeLevel = "tenant" | "managementGroup" | "subscription" | "resourceGroup" | "resource";

export interface ArmId {
  readonly raw: string;
  readonly level: ScopeLevel;
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  /** Namespace of the last resource in the id, e.g. "Microsoft.Network". */
  readonly provider?: string;
  /** Resource type path of the last resource, e.g. "virtualNetworks/subnets". */
  readonly resourceType?: string;
  /** Names along that type path, e.g. ["vnet-hub", "GatewaySubnet"]. */
  readonly names: readonly string[];
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Parses an ARM id or scope; undefined when the text is not one. */
export function parseArmId(raw: string): ArmId | undefined {
  if (typeof raw !== "string" || !raw.startsWith("/")) return undefined;
  const parts = raw.split("/").slice(1);
  if (parts.length === 0 || parts.some((p) => p.length === 0)) return undefined;
  let subscriptionId: string | undefined;
  let resourceGroup: string | undefined;
  let provider: string | undefined;
  let types: string[] = [];
  let names: string[] = [];
  let managementGroup = false;
  let i = 0;
  while (i < parts.length) {
    const key = parts[i];
    if (eq(key, "subscriptions") && i + 1 < parts.length && !provider) {
      subscriptionId = parts[i + 1];
      i += 2;
    } else if (eq(key, "resourceGroups") && subscriptionId && i + 1 < parts.length && !provider) {
      resourceGroup = parts[i + 1];
      i += 2;
    } else if (eq(key, "providers") && i + 1 < parts.length) {
      // Each "providers" segment starts a new (possibly extension) resource.
      provider = parts[i + 1];
      types = [];
      names = [];
      i += 2;
      while (i < parts.length && !eq(parts[i], "providers")) {
        types.push(parts[i]);
        if (i + 1 >= parts.length) return undefined;
        names.push(parts[i + 1]);
        i += 2;
      }
      if (eq(provider, "Microsoft.Management") && types.length === 1 && eq(types[0], "managementGroups") && !subscriptionId) {
        managementGroup = true;
      }
    } else {
      return undefined;
    }
  }
  const level: ScopeLevel =
    provider && !managementGroup ? "resource" : managementGroup ? "managementGroup" : resourceGroup ? "resourceGroup" : subscriptionId ? "subscription" : "tenant";
  return { raw, level, subscriptionId, resourceGroup, provider, resourceType: types.length ? types.join("/") : undefined, names };
}

/** Parses an id the code relies on; throws with the id named when it is not one. */
export function requireArmId(raw: string): ArmId {
  const parsed = parseArmId(raw);
  if (!parsed) throw new Error(`"${raw}" is not an Azure resource id (it must look like /subscriptions/<id>/resourceGroups/<name>/...)`);
  return parsed;
}

/** Whether `id` is `scope` itself or lies below it (case-insensitive, whole segments only). */
export function isWithin(id: string, scope: string): boolean {
  const a = id.toLowerCase().replace(/\/+$/, "");
  const b = scope.toLowerCase().replace(/\/+$/, "");
  return a === b || a.startsWith(`${b}/`);
}

/** Whether the id names a resource of `provider`/`resourceType`, e.g. Microsoft.Network/virtualNetworks. */
export function isResourceOfType(id: string, provider: string, resourceType: string): boolean {
  const parsed = parseArmId(id);
  return Boolean(parsed?.provider && parsed.resourceType && eq(parsed.provider, provider) && eq(parsed.resourceType, resourceType));
}

/** The last name in a resource id (the resource's own name), for messages. */
export function lastName(id: string): string {
  const parsed = parseArmId(id);
  return parsed?.names[parsed.names.length - 1] ?? parsed?.resourceGroup ?? parsed?.subscriptionId ?? id;
}
