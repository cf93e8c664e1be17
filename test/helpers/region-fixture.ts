/**
 * Builds throw-away regions on disk for tests: a platform file and tenant
 * files made from plain objects, so each test states only what it changes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { orgnrCheckDigit } from "../../tenants/validation/identifiers";
import { REPO_ROOT } from "../../tenants/paths";

export type Json = Record<string, unknown>;

/** A valid organisasjonsnummer made from a seed, so fixtures never collide. */
export function fakeOrgnr(seed: number): string {
  for (let n = 920000000 + seed * 10; ; n += 1) {
    const first8 = String(n).slice(0, 8);
    const check = orgnrCheckDigit(first8);
    if (check !== undefined) return `${first8}${check}`;
  }
}

export function basePlatform(): Json {
  return {
    host: {
      slug: "tromso",
      displayName: "Tromsø kommune",
      kommunenummer: "5501",
      organisasjonsnummer: fakeOrgnr(0),
      population: 78000,
      costCentre: "1200",
    },
    network: {
      hub: { addressSpace: "10.95.0.0/22" },
      tenantPool: { cidr: "10.96.0.0/15", blockPrefixLength: 23, counties: ["55", "56"] },
      // As in the example region: fixture sites' VPN devices have documentation addresses (RFC 5737).
      onPremises: { allowDocumentationAddresses: true },
    },
    backup: { tiers: { standard: { description: "Daily 30 days", dailyRetentionDays: 30 } } },
    // A public key in form only; no private half exists.
    radius: { adminPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly test-only" },
    prices: {
      date: "2026-11-01",
      source: "test prices",
      exchangeRate: { from: "USD", nokPerUnit: 10 },
      items: { "vm-b2s": { description: "Linux VM B2s", unit: "hour", nok: 0.5 } },
    },
  };
}

/** A minimal valid tenant; `n` keeps identifiers unique between fixture tenants. */
export function baseTenant(slug: string, kommunenummer: string, n: number): Json {
  return {
    slug,
    displayName: `${slug} kommune`,
    kommunenummer,
    organisasjonsnummer: fakeOrgnr(n),
    population: 1000 + n,
    costCentre: "1100",
    contacts: [{ name: "Test Person", role: "IT lead", email: `it@${slug}.example` }],
    budget: { monthlyNok: 1000, alertRecipients: [`it@${slug}.example`] },
  };
}

export interface FixtureRegion {
  readonly dir: string;
  readonly tenantsDir: string;
  readonly platformFile: string;
  writeTenant(slug: string, content: Json | string): string;
  remove(): void;
}

export function makeRegion(tenants: Record<string, Json | string>, platform: Json | string = basePlatform()): FixtureRegion {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-test-"));
  const tenantsDir = path.join(dir, "tenants");
  fs.mkdirSync(tenantsDir);
  const platformFile = path.join(dir, "platform.yaml");
  fs.writeFileSync(platformFile, typeof platform === "string" ? platform : stringify(platform));
  const region: FixtureRegion = {
    dir,
    tenantsDir,
    platformFile,
    writeTenant(slug, content) {
      const file = path.join(tenantsDir, `${slug}.yaml`);
      fs.writeFileSync(file, typeof content === "string" ? content : stringify(content));
      return file;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [slug, content] of Object.entries(tenants)) region.writeTenant(slug, content);
  return region;
}

/** A copy of the repository's own example region, to corrupt in acceptance tests. */
export function copyExampleRegion(): FixtureRegion {
  const region = makeRegion({}, fs.readFileSync(path.join(REPO_ROOT, "platform.yaml"), "utf8"));
  fs.cpSync(path.join(REPO_ROOT, "tenants"), region.tenantsDir, { recursive: true });
  return region;
}
