/**
 * Secret references: files name secrets, never hold them; each reference names
 * exactly one place the secret lives; and a secret belongs to its owner.
 *
 * A tenant file is untrusted, and whatever secret it names, the platform reads
 * with its own identities and puts where the file says: into a VPN connection
 * to the municipality's device, a RADIUS client, an LDAP bind sent to the
 * municipality's directory. So a tenant file may name only its own secrets:
 * - in the platform Key Vault, secrets named `<slug>-<something>`; a name that
 *   begins with a longer slug of another municipality (`nord-fron-` for `nord`)
 *   is that one's. Key Vault names are case-insensitive, so they are compared
 *   in lower case;
 * - any secret in a vault the platform file assigns to its municipality
 *   (`keyVaults.<vault>.tenant`), and no other vault;
 * - Pulumi config keys of letters, digits and hyphens that start with its slug
 *   and then a capital, digit or hyphen (`gamvikMehamnPsk`): the platform stack
 *   reads them from its own config, next to the platform's.
 * Whatever the platform file names (national proxy secrets, the CUI key, the
 * server certificate), names that begin with the host's slug, and the
 * platform's copies of config secrets (`pulumi-config-<key>`) are the
 * platform's, whatever prefix they have.
 */
import { platformKeyVaultName, keyVaultNameOf } from "../../domain/azure/key-vault";
import { CONFIG_COPY_PREFIX } from "../../domain/eduroam/secret-placeholders";
import type { SecretRef } from "../schema/fields";
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic, FieldPath } from "./diagnostic";
import type { Finding } from "./finding";
import { diagnosticAt } from "./yaml-source";

export function checkSecretRef(ref: SecretRef, path: FieldPath): Finding[] {
  const hasVault = ref.keyVaultSecret !== undefined;
  const hasConfig = ref.pulumiConfig !== undefined;
  if (hasVault && hasConfig) {
    return [{ path, message: "names both keyVaultSecret and pulumiConfig; keep one" }];
  }
  if (!hasVault && !hasConfig) {
    return [{ path, message: "names no secret; set keyVaultSecret: <secret name in Key Vault> or pulumiConfig: <config key>" }];
  }
  if (ref.keyVault !== undefined && !hasVault) {
    return [{ path: [...path, "keyVault"], message: "only applies together with keyVaultSecret" }];
  }
  return [];
}

export interface FoundSecretRef {
  readonly path: ReadonlyArray<string | number>;
  readonly ref: SecretRef;
}

const REF_KEYS = new Set(["keyVaultSecret", "keyVault", "pulumiConfig"]);

function isSecretRef(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => REF_KEYS.has(k)) && (typeof value.keyVaultSecret === "string" || typeof value.pulumiConfig === "string");
}

/** Every secret reference in a parsed file, wherever it is, so a secret field added later cannot slip past these rules. */
export function secretRefsIn(value: unknown, path: ReadonlyArray<string | number> = []): FoundSecretRef[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretRefsIn(item, [...path, i]));
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  if (isSecretRef(record)) return [{ path, ref: record as SecretRef }];
  return Object.entries(record).flatMap(([key, item]) => secretRefsIn(item, [...path, key]));
}

const longestFirst = (slugs: readonly string[]) => [...new Set(slugs)].sort((a, b) => b.length - a.length || a.localeCompare(b));

type Owner = { readonly kind: "platform"; readonly why: string } | { readonly kind: "tenant"; readonly slug: string } | { readonly kind: "nobody"; readonly why?: string };

/** What the platform file says about secrets, and the region's slugs, for deciding whose a name is. */
interface SecretOwners {
  readonly host: string;
  readonly platformFile: string;
  /** Lower case. */
  readonly platformVault: string;
  /** Lower-case vault name → the municipality it is assigned to (undefined: a vault of the platform's). */
  readonly vaults: ReadonlyMap<string, string | undefined>;
  /** Lower-case names of the secrets the platform file names in the platform vault. */
  readonly platformSecrets: ReadonlySet<string>;
  readonly platformConfigKeys: ReadonlySet<string>;
  /** Tenant slugs; the longest that begins a name owns it, so `nord-fron-x` is nord-fron's and not nord's. */
  readonly slugs: readonly string[];
}

function ownersOf(platform: PlatformInput, tenants: readonly TenantInput[]): SecretOwners {
  const spec = platform.spec;
  const platformVault = platformKeyVaultName(spec.host.slug, spec.environment).toLowerCase();
  const platformSecrets = new Set<string>();
  const platformConfigKeys = new Set<string>();
  for (const { ref } of secretRefsIn(spec)) {
    if (ref.keyVaultSecret !== undefined && (ref.keyVault === undefined || ref.keyVault.toLowerCase() === platformVault)) platformSecrets.add(ref.keyVaultSecret.toLowerCase());
    if (ref.pulumiConfig !== undefined) platformConfigKeys.add(ref.pulumiConfig);
  }
  const vaults = new Map<string, string | undefined>();
  for (const [name, entry] of Object.entries(spec.keyVaults ?? {})) {
    if (!vaults.has(name.toLowerCase())) vaults.set(name.toLowerCase(), entry.tenant);
  }
  const slugs = longestFirst(tenants.map((t) => t.spec.slug));
  return { host: spec.host.slug, platformFile: platform.source.file, platformVault, vaults, platformSecrets, platformConfigKeys, slugs };
}

function ownerOfSecretName(name: string, owners: SecretOwners): Owner {
  const lower = name.toLowerCase();
  if (owners.platformSecrets.has(lower)) return { kind: "platform", why: "" };
  if (lower.startsWith(CONFIG_COPY_PREFIX)) return { kind: "platform", why: ` (the platform's copies of Pulumi config secrets are named ${CONFIG_COPY_PREFIX}<key>)` };
  const slug = longestFirst([owners.host, ...owners.slugs]).find((s) => lower.startsWith(`${s}-`));
  if (slug === owners.host) return { kind: "platform", why: ` (named after the host, ${owners.host})` };
  return slug ? { kind: "tenant", slug } : { kind: "nobody" };
}

/** A slug followed by a capital, digit or hyphen starts the slug's own keys: `gamvikMehamnPsk`, not `gamvikaPsk`. */
function startsWithSlug(key: string, slug: string): boolean {
  return key.startsWith(slug) && /^[A-Z0-9-]$/.test(key.charAt(slug.length));
}

function ownerOfConfigKey(key: string, owners: SecretOwners): Owner {
  if (owners.platformConfigKeys.has(key)) return { kind: "platform", why: "" };
  // The servers' Key Vault copy of a config secret is named after its key with "_", "." and
  // ":" made "-" (keyVaultNameForConfig), so those would let two municipalities' keys share
  // one copy; ":" would also name another namespace (`azure-native:...`).
  if (!/^[A-Za-z0-9-]+$/.test(key)) return { kind: "nobody", why: " (a municipality's keys hold only letters, digits and hyphens)" };
  const slug = longestFirst([owners.host, ...owners.slugs]).find((s) => startsWithSlug(key, s));
  if (slug === owners.host) return { kind: "platform", why: ` (named after the host, ${owners.host})` };
  return slug ? { kind: "tenant", slug } : { kind: "nobody" };
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A name the field could have, following the example region: senja-finnsnes-wlc-radius, gamvikMehamnPsk. */
export function exampleSecretNames(slug: string, path: ReadonlyArray<string | number>): { keyVaultSecret: string; pulumiConfig: string } {
  const [a, b, c] = path;
  const words =
    a === "sites" && typeof b === "string"
      ? [b, "psk"]
      : a === "wifi" && b === "accessPoints" && typeof c === "string"
        ? [c, "radius"]
        : a === "wifi" && b === "userBackend"
          ? ["ldap", "radius", "bind"]
          : path.filter((p): p is string => typeof p === "string").slice(-2);
  return {
    keyVaultSecret: [slug, ...words].join("-").slice(0, 127),
    pulumiConfig: `${slug}${words.flatMap((w) => w.split("-")).map(capitalised).join("")}`,
  };
}

function tenantFindings(tenant: TenantInput, owners: SecretOwners): Array<{ path: FieldPath; message: string }> {
  const slug = tenant.spec.slug;
  const out: Array<{ path: FieldPath; message: string }> = [];
  for (const { path, ref } of secretRefsIn(tenant.spec)) {
    const example = exampleSecretNames(slug, path);
    if (ref.keyVaultSecret !== undefined) {
      const vault = ref.keyVault;
      if (vault !== undefined && vault.toLowerCase() !== owners.platformVault) {
        const lower = vault.toLowerCase();
        // Every secret in a vault assigned to the municipality is its own.
        if (owners.vaults.has(lower) && owners.vaults.get(lower) === slug) continue;
        const assignedTo = owners.vaults.get(lower);
        const choice = `${slug} may name only the platform vault (leave keyVault out) or a vault ${owners.platformFile} assigns to ${slug}`;
        const message = !owners.vaults.has(lower)
          ? `"${vault}" is not a Key Vault ${owners.platformFile} assigns to ${slug}; leave keyVault out to use the platform vault, or have the host assign the vault to ${slug} under keyVaults in ${owners.platformFile}`
          : assignedTo === undefined
            ? `"${vault}" is a platform Key Vault (keyVaults in ${owners.platformFile}); ${choice}`
            : `"${vault}" is ${assignedTo}'s Key Vault (keyVaults in ${owners.platformFile}); ${choice}`;
        out.push({ path: [...path, "keyVault"], message });
      } else {
        const owner = ownerOfSecretName(ref.keyVaultSecret, owners);
        if (owner.kind !== "tenant" || owner.slug !== slug) {
          const what =
            owner.kind === "platform" ? `is a platform secret${owner.why}` : owner.kind === "tenant" ? `is ${owner.slug}'s secret` : `is not one of ${slug}'s secrets`;
          out.push({
            path: [...path, "keyVaultSecret"],
            message: `"${ref.keyVaultSecret}" ${what}; a municipality's secrets are named ${slug}-<something>, e.g. "${example.keyVaultSecret}"`,
          });
        }
      }
    }
    if (ref.pulumiConfig !== undefined) {
      const owner = ownerOfConfigKey(ref.pulumiConfig, owners);
      if (owner.kind !== "tenant" || owner.slug !== slug) {
        const what =
          owner.kind === "platform"
            ? `is a platform secret${owner.why}`
            : owner.kind === "tenant"
              ? `is ${owner.slug}'s Pulumi config key`
              : `is not one of ${slug}'s Pulumi config keys${owner.why ?? ""}`;
        out.push({
          path: [...path, "pulumiConfig"],
          message: `"${ref.pulumiConfig}" ${what}; a municipality's Pulumi config keys start with its slug, e.g. "${example.pulumiConfig}"`,
        });
      }
    }
  }
  // A slug that begins a platform secret's name would make that secret look like the municipality's own.
  const claimed = [
    ...[...owners.platformSecrets].filter((name) => name.startsWith(`${slug}-`)),
    ...(CONFIG_COPY_PREFIX.startsWith(`${slug}-`) || `${slug}-`.startsWith(CONFIG_COPY_PREFIX) ? [`${CONFIG_COPY_PREFIX}<key>`] : []),
    ...[...owners.platformConfigKeys].filter((key) => startsWithSlug(key, slug)),
  ].sort();
  if (claimed.length > 0) {
    out.push({
      path: ["slug"],
      message: `"${slug}" begins the names of platform secrets (${claimed.join(", ")}), and names that begin with a municipality's slug are its own; choose another slug, or have the host rename those secrets in ${owners.platformFile}`,
    });
  }
  return out;
}

/** The platform file's keyVaults, and the vaults its own secrets name. */
function platformFindings(platform: PlatformInput, owners: SecretOwners, tenants: readonly TenantInput[]): Array<{ path: FieldPath; message: string; at?: "key" }> {
  const out: Array<{ path: FieldPath; message: string; at?: "key" }> = [];
  const slugs = new Set(tenants.map((t) => t.spec.slug));
  const seen = new Map<string, string>();
  for (const [name, entry] of Object.entries(platform.spec.keyVaults ?? {})) {
    const lower = name.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      out.push({ path: ["keyVaults", name], at: "key", message: `is Key Vault ${first} again (Key Vault names are case-insensitive); list each vault once` });
    }
    seen.set(lower, first ?? name);
    if (lower === owners.platformVault) {
      out.push({ path: ["keyVaults", name], at: "key", message: "is the platform Key Vault, which the platform program creates; list only other vaults here" });
    }
    const idName = keyVaultNameOf(entry.resourceId);
    const idHint = `/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.KeyVault/vaults/${name}`;
    if (idName === undefined) {
      out.push({ path: ["keyVaults", name, "resourceId"], message: `"${entry.resourceId}" is not the id of a Key Vault; write ${idHint}` });
    } else if (idName.toLowerCase() !== lower) {
      out.push({ path: ["keyVaults", name, "resourceId"], message: `is the id of Key Vault ${idName}, not ${name}; the key is the vault's name, so write ${idHint} or rename the key` });
    }
    if (entry.tenant === owners.host) {
      out.push({ path: ["keyVaults", name, "tenant"], message: `"${entry.tenant}" is the host; a vault of the host's is a platform vault, so leave tenant out` });
    } else if (entry.tenant !== undefined && !slugs.has(entry.tenant)) {
      out.push({
        path: ["keyVaults", name, "tenant"],
        message: `"${entry.tenant}" is not a municipality of the region; name one of ${[...slugs].sort().join(", ") || "(none yet)"}, or leave tenant out for a vault of the platform's`,
      });
    }
  }
  for (const { path, ref } of secretRefsIn(platform.spec)) {
    const vault = ref.keyVault;
    if (ref.keyVaultSecret === undefined || vault === undefined || vault.toLowerCase() === owners.platformVault) continue;
    const lower = vault.toLowerCase();
    if (!owners.vaults.has(lower)) {
      out.push({
        path: [...path, "keyVault"],
        message: `"${vault}" is not listed under keyVaults; add it there with its resourceId (the RADIUS servers get read access to each secret they use by its id), or leave keyVault out to use the platform vault`,
      });
    } else if (owners.vaults.get(lower) !== undefined) {
      out.push({
        path: [...path, "keyVault"],
        message: `"${vault}" is ${owners.vaults.get(lower)}'s Key Vault (keyVaults.${vault}.tenant); platform secrets stay in the platform vault or a vault keyVaults lists without a tenant`,
      });
    }
  }
  return out;
}

/** Rules across files: every secret a file names is its owner's (see the head of this file). */
export function checkSecretOwnership(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const owners = ownersOf(platform, tenants);
  return [
    ...platformFindings(platform, owners, tenants).map((f) => diagnosticAt(platform.source, f.path, f.message, f.at)),
    ...tenants.flatMap((tenant) => tenantFindings(tenant, owners).map((f) => diagnosticAt(tenant.source, f.path, f.message))),
  ];
}
