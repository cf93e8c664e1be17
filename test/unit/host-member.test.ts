/**
 * The host as a member of its own platform (host.member): its file carries the
 * host's identifiers, which no other file may, its names are checked like every
 * member's, it may name secrets after itself, and it is one member in the cost
 * split, with its own resources and its platform share.
 */
import { loadRegion } from "../../tenants/validation/load-region";
import { estimateCosts } from "../../domain/cost/estimate";
import { DEFAULT_ASSUMPTIONS } from "../../domain/cost/meters";
import { platformSchema } from "../../tenants/schema/platform";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

const host = basePlatform().host as Json;
const hostFile = (): Json => ({ ...baseTenant("tromso", "5501", 0), organisasjonsnummer: host.organisasjonsnummer, population: host.population });

function validate(tenants: Record<string, Json>, member: boolean): string[] {
  const platform = { ...basePlatform(), host: { ...host, member } };
  const region = makeRegion(tenants, platform);
  try {
    const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => `${d.file.split("/").pop()} ${d.path.join(".")}: ${d.message}`);
  } finally {
    region.remove();
  }
}

describe("the host's own member file", () => {
  it("is refused while platform.yaml does not set host.member, and says how to allow it", () => {
    expect(validate({ tromso: hostFile(), alta: baseTenant("alta", "5601", 1) }, false)).toContainEqual(
      expect.stringMatching(/^tromso\.yaml slug: slug tromso is already used by .*platform\.yaml \(the host\); the host's own member file is allowed once .*platform\.yaml sets host\.member: true/),
    );
  });

  it("is accepted with host.member and the host's identifiers", () => {
    expect(validate({ tromso: hostFile(), alta: baseTenant("alta", "5601", 1) }, true)).toEqual([]);
  });

  it("must carry the host's kommunenummer, organisasjonsnummer and population", () => {
    const messages = validate({ tromso: { ...hostFile(), kommunenummer: "5502", population: 1 } }, true);
    expect(messages).toContainEqual(expect.stringMatching(/^tromso\.yaml kommunenummer: is 5502, but this is the host's own file \(slug tromso\) and .*platform\.yaml has host\.kommunenummer 5501; the two must agree$/));
    expect(messages).toContainEqual(expect.stringMatching(/^tromso\.yaml population: is 1, but this is the host's own file/));
  });

  it("still refuses another file that copies the host's kommunenummer", () => {
    expect(validate({ tromso: hostFile(), copy: { ...baseTenant("copy", "5501", 2) } }, true)).toContainEqual(
      expect.stringMatching(/^copy\.yaml kommunenummer: kommunenummer 5501 is already used by .*tromso\.yaml \(the host's own file\)/),
    );
  });

  it("may name secrets after the host, which another member may not", () => {
    const wifi = (t: Json, ap: string, secret: string): Json => ({
      ...t,
      services: ["wifi"],
      wifi: {
        realm: `${String(t.slug)}.example`,
        vlan: 110,
        accessPoints: { wlc: { address: ap } },
        userBackend: { kind: "ldap", server: `ldaps.${String(t.slug)}.example`, baseDn: "OU=Users,DC=x", bindDn: "CN=svc,DC=x", bindPassword: { keyVaultSecret: secret } },
      },
    });
    const platform = (member: boolean): Json => ({
      ...basePlatform(),
      host: { ...host, member },
      eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "proxy-1" } } } },
      domains: { tromso: ["tromso.example"], alta: ["alta.example"] },
    });
    const run = (tenants: Record<string, Json>, member: boolean) => {
      const region = makeRegion(tenants, platform(member));
      try {
        return loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile }).diagnostics.map((d) => `${d.file.split("/").pop()} ${d.path.join(".")}: ${d.message}`);
      } finally {
        region.remove();
      }
    };
    const secretProblems = (messages: string[]) => messages.filter((m) => m.includes("bindPassword"));
    expect(secretProblems(run({ tromso: wifi(hostFile(), "10.20.1.10", "tromso-ldap"), alta: baseTenant("alta", "5601", 1) }, true))).toEqual([]);
    expect(secretProblems(run({ tromso: hostFile(), alta: wifi(baseTenant("alta", "5601", 1), "10.21.1.10", "tromso-ldap") }, true))).toEqual([
      expect.stringMatching(/^alta\.yaml wifi\.userBackend\.bindPassword\.keyVaultSecret: .*tromso/),
    ]);
  });
});

function resource(type: string, name: string, inputs: Record<string, unknown>): StackPreview["resources"][number] {
  return { urn: `urn:${name}`, type, name, custom: true, parent: null, id: null, inputs, options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] } };
}

describe("the host in the cost split", () => {
  const platform = platformSchema.parse({
    ...basePlatform(),
    host: { ...host, member: true },
    prices: { date: "2026-11-01", source: "test", exchangeRate: { from: "USD", nokPerUnit: 10 }, items: { "files-transaction-optimized": { description: "Azure Files", unit: "gb-month", nok: 1 } } },
  });
  const share = (stack: string, gb: number) => ({ stack, generatedBy: "test", outputs: {}, resources: [resource("azure-native:storage:FileShare", `${stack}-felles`, { shareQuota: gb })] });
  const report = estimateCosts(
    platform,
    { platform: share("platform", 100), tenants: [share("tromso", 300), share("alta", 50)] },
    [
      { slug: "tromso", displayName: "Tromsø kommune", population: 78000 },
      { slug: "alta", displayName: "Alta kommune", population: 20000 },
    ],
    DEFAULT_ASSUMPTIONS,
  );

  it("lists the host once, with its own resources and its platform share", () => {
    expect(report.members.map((m) => m.slug)).toEqual(["tromso", "alta"]);
    expect(report.members[0]).toMatchObject({ host: true, ownMonthly: 300 });
    expect(report.members[0].platformShareMonthly + report.members[1].platformShareMonthly).toBeCloseTo(100, 0);
  });
});
