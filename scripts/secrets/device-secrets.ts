/**
 * The secrets a municipality's technician sets on its own devices: each VPN
 * site's pre-shared key and each access point's RADIUS secret. The platform
 * generates them (domain/azure/generated-secrets.ts) and keeps them in its Key
 * Vault, which refuses public network access, and in the platform stack's
 * state, encrypted. `grunnmur device-secrets` reads them from the state
 * (`pulumi stack export --show-secrets`), so the regional team needs no network
 * path to the vault, and picks out exactly one municipality's.
 */
import { radiusClientSecret, vpnPreSharedKey, type GeneratedSecretSpec } from "../../domain/azure/generated-secrets";
import type { TenantFile } from "../../tenants/schema/tenant";

export interface DeviceSecret {
  readonly what: string;
  /** The field of the tenant file it belongs to, e.g. sites.radhus. */
  readonly field: string;
  readonly keyVaultSecret: string;
  /** Undefined when the platform stack has not made it yet (deploy the platform first). */
  readonly value: string | undefined;
}

const RANDOM_PASSWORD_TYPE = "random:index/randomPassword:RandomPassword";

/** What the platform generates for this municipality's devices. */
export function deviceSecretSpecs(tenant: Pick<TenantFile, "slug" | "sites" | "wifi">): Array<{ spec: GeneratedSecretSpec; what: string; field: string }> {
  return [
    ...Object.keys(tenant.sites).map((key) => ({ spec: vpnPreSharedKey(tenant.slug, key), what: `VPN pre-shared key of site ${key}`, field: `sites.${key}` })),
    ...Object.keys(tenant.wifi?.accessPoints ?? {}).map((key) => ({
      spec: radiusClientSecret(tenant.slug, key),
      what: `RADIUS secret of access point ${key}`,
      field: `wifi.accessPoints.${key}`,
    })),
  ];
}

interface ExportedResource {
  readonly urn?: string;
  readonly type?: string;
  readonly outputs?: Record<string, unknown>;
}

/** Finds the values in the JSON `pulumi stack export --show-secrets` prints; refuses an export whose secrets are still encrypted. */
export function deviceSecretsFromExport(tenant: Pick<TenantFile, "slug" | "sites" | "wifi">, exportJson: string): DeviceSecret[] {
  let parsed: { deployment?: { resources?: ExportedResource[] } };
  try {
    parsed = JSON.parse(exportJson) as typeof parsed;
  } catch {
    throw new Error("pulumi stack export did not print JSON; run it by hand to see why (is the CLI logged in to the state backend?)");
  }
  const resources = parsed.deployment?.resources ?? [];
  const byName = new Map<string, unknown>();
  for (const r of resources) {
    if (r.type !== RANDOM_PASSWORD_TYPE || typeof r.urn !== "string") continue;
    byName.set(r.urn.slice(r.urn.lastIndexOf("::") + 2), r.outputs?.result);
  }
  return deviceSecretSpecs(tenant).map(({ spec, what, field }) => {
    const value = byName.get(spec.logicalName);
    if (value !== undefined && typeof value !== "string") {
      throw new Error(`the ${what} is still encrypted in the export; pass --show-secrets to pulumi stack export (grunnmur does)`);
    }
    return { what, field, keyVaultSecret: spec.secretName, value };
  });
}
