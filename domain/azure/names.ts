/**
 * Azure resource names from stable keys, within each resource type's length
 * and character limits. Pure: the same keys always give the same name, and a
 * name that must be shortened keeps a hash of the full name so two long
 * municipality names never collide after truncation.
 */
import { createHash } from "node:crypto";

export type NameKind =
  | "resourceGroup"
  | "virtualNetwork"
  | "subnet"
  | "networkSecurityGroup"
  | "routeTable"
  | "peering"
  | "storageAccount"
  | "keyVault"
  | "recoveryVault"
  | "logWorkspace"
  | "generic";

interface NameRule {
  readonly prefix: string;
  readonly maxLength: number;
  /** Characters kept; everything else is dropped. */
  readonly allowed: RegExp;
  readonly separator: "-" | "";
}

/** Limits from Azure's "Naming rules and restrictions for Azure resources". */
export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = {
  resourceGroup: { prefix: "rg", maxLength: 90, allowed: /[a-z0-9-]/, separator: "-" },
  virtualNetwork: { prefix: "vnet", maxLength: 64, allowed: /[a-z0-9-]/, separator: "-" },
  subnet: { prefix: "snet", maxLength: 80, allowed: /[a-z0-9-]/, separator: "-" },
  networkSecurityGroup: { prefix: "nsg", maxLength: 80, allowed: /[a-z0-9-]/, separator: "-" },
  routeTable: { prefix: "rt", maxLength: 80, allowed: /[a-z0-9-]/, separator: "-" },
  peering: { prefix: "peer", maxLength: 80, allowed: /[a-z0-9-]/, separator: "-" },
  // Storage accounts: 3-24 lower-case letters and digits, globally unique.
  storageAccount: { prefix: "st", maxLength: 24, allowed: /[a-z0-9]/, separator: "" },
  // Key vaults: 3-24 letters, digits and hyphens, globally unique.
  keyVault: { prefix: "kv", maxLength: 24, allowed: /[a-z0-9-]/, separator: "-" },
  recoveryVault: { prefix: "rsv", maxLength: 50, allowed: /[a-z0-9-]/, separator: "-" },
  logWorkspace: { prefix: "log", maxLength: 63, allowed: /[a-z0-9-]/, separator: "-" },
  generic: { prefix: "", maxLength: 80, allowed: /[a-z0-9-]/, separator: "-" },
};

export const REGION_CODES: Readonly<Record<string, string>> = {
  norwayeast: "noe",
  norwaywest: "now",
};

const ASCII = /^[\x00-\x7f]*$/;

/** ASCII folding for Norwegian and Sámi letters, so "Kåfjord" and "Porsáŋgu" become usable. */
export function foldToAscii(text: string): string {
  // ASCII has nothing to fold or decompose; most names are (a region's validation makes thousands).
  if (ASCII.test(text)) return text.toLowerCase();
  const map: Record<string, string> = {
    æ: "ae", ø: "o", å: "a", ä: "a", ö: "o", á: "a", č: "c", đ: "d", ŋ: "n", š: "s", ŧ: "t", ž: "z", ï: "i", â: "a",
  };
  return text
    .toLowerCase()
    .replace(/[æøåäöáčđŋšŧžïâ]/g, (ch) => map[ch] ?? ch)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

function shortHash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

const NOT_ALLOWED = new Map<RegExp, RegExp>();

/**
 * Every character outside a rule's `allowed` class, as one global pattern, so a
 * part is cleaned in one replace instead of a test per character. The u flag
 * matches a whole code point, as iterating the string does.
 */
function notAllowed(allowed: RegExp): RegExp {
  let pattern = NOT_ALLOWED.get(allowed);
  if (!pattern) {
    if (!/^\[[^\]^\\]*\]$/.test(allowed.source) || allowed.flags !== "") throw new Error(`NAME_RULES' allowed must be one plain character class like /[a-z0-9-]/, not ${allowed}`);
    pattern = new RegExp(`[^${allowed.source.slice(1, -1)}]`, "gu");
    NOT_ALLOWED.set(allowed, pattern);
  }
  return pattern;
}

/**
 * Builds a name of `kind` from stable parts, e.g. azureName("resourceGroup",
 * ["grunnmur", "senja", "network"]) gives "rg-grunnmur-senja-network".
 */
export function azureName(kind: NameKind, parts: readonly string[]): string {
  const rule = NAME_RULES[kind];
  const clean = (part: string) => foldToAscii(part).replace(notAllowed(rule.allowed), rule.separator === "-" ? "-" : "");
  const pieces = [rule.prefix, ...parts].filter((p) => p.length > 0).map(clean);
  let name = pieces.join(rule.separator).replace(/-+/g, "-").replace(/^-|-$/g, "");
  if (name.length > rule.maxLength) {
    const hash = shortHash(name, 6);
    const keep = rule.maxLength - hash.length - rule.separator.length;
    name = `${name.slice(0, keep).replace(/-+$/, "")}${rule.separator}${hash}`;
  }
  return name;
}

/**
 * A GUID derived from stable keys. Role assignments and similar resources need
 * GUID names; deriving them from keys (never from list positions or outputs)
 * keeps them from being recreated when other entries are added.
 */
export function stableGuid(...keys: string[]): string {
  const h = createHash("sha256").update(keys.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A role assignment's GUID name, from the stable keys of its scope and principal and the role. */
export function roleAssignmentName(scopeKey: string, principalKey: string, role: string): string {
  return stableGuid(scopeKey, principalKey, role);
}
