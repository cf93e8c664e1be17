/**
 * What the network diagram draws, as data: the platform's parts (hub, firewall,
 * VPN gateway, DR hub, RADIUS servers, shared services) and each municipality
 * with its spoke and VPN sites. Built either from previews (the PR report: what
 * the stacks would create) or from the region's files (no preview needed).
 * Pure: no Mermaid here, so the static site can draw the same model its own way.
 */
import type { Region } from "../../tenants/region";
import type { StackPreview } from "../preview/preview-file";

export interface SiteNode {
  readonly name: string;
  readonly prefixes: readonly string[];
}

export interface MunicipalityNode {
  readonly slug: string;
  readonly name: string;
  readonly addressSpace?: string;
  readonly zones: readonly string[];
  readonly sites: readonly SiteNode[];
}

export interface NetworkModel {
  readonly hub: { readonly location: string; readonly addressSpace?: string };
  readonly firewall?: { readonly tier?: string; readonly privateIp?: string };
  readonly vpnGateway: boolean;
  readonly drHub?: { readonly location: string; readonly addressSpace?: string; readonly firewall: boolean };
  readonly radius: { readonly count: number; readonly subnet?: string };
  readonly sharedServices: { readonly addressSpace?: string; readonly services: ReadonlyArray<{ readonly key: string; readonly subnet?: string }> };
  readonly municipalities: readonly MunicipalityNode[];
}

type Resource = StackPreview["resources"][number];
const tag = (r: Resource, key: string) => (r.inputs.tags as Record<string, string> | undefined)?.[key];
const prefixesOf = (space: unknown) => ((space as { addressPrefixes?: string[] } | undefined)?.addressPrefixes ?? []).join(", ") || undefined;
const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);

/** The platform's VNets by their logical names (stacks/platform/program.ts): hub, hub-dr, shared-services. */
const VNET = { hub: "hub", drHub: "hub-dr", shared: "shared-services" } as const;

/**
 * The model of what the previews would create. `names` gives a municipality's
 * display name by slug; without it the slug is shown (a preview has no names).
 */
export function networkModelFromPreviews(platform: StackPreview | undefined, tenants: readonly StackPreview[], names: Readonly<Record<string, string>> = {}): NetworkModel {
  const resources = platform?.resources ?? [];
  const outputs = (platform?.outputs ?? {}) as Record<string, any>;
  const vnet = (name: string) => resources.find((r) => r.type === "azure-native:network:VirtualNetwork" && r.name === name);
  const hub = vnet(VNET.hub) ?? resources.find((r) => r.type === "azure-native:network:VirtualNetwork" && r.inputs.location === outputs.location);
  const hubLocation = String(hub?.inputs.location ?? outputs.location ?? "norwayeast");
  const firewalls = resources.filter((r) => r.type === "azure-native:network:AzureFirewall");
  const primaryFirewall = firewalls.find((f) => f.inputs.location === hubLocation) ?? firewalls[0];
  const dr = vnet(VNET.drHub);
  const shared = vnet(VNET.shared);
  const sharedPrefixes = (outputs.sharedServicePrefixes ?? {}) as Record<string, string>;
  const sites = new Map<string, SiteNode[]>();
  for (const lgw of resources.filter((r) => r.type === "azure-native:network:LocalNetworkGateway")) {
    const slug = tag(lgw, "grunnmur:tenant") ?? "";
    // Logical names are site-<slug>-<site> (the tenant attachment's naming).
    const name = lgw.name.replace(new RegExp(`^site-${slug}-`), "").replace(/^site-/, "");
    const prefixes = (lgw.inputs.localNetworkAddressSpace as { addressPrefixes?: string[] } | undefined)?.addressPrefixes ?? [];
    sites.set(slug, [...(sites.get(slug) ?? []), { name, prefixes }]);
  }
  const municipalities = tenants
    .filter((t) => t.stack !== "platform")
    .map((t) => {
      // A file from another version may lack outputs; the diagram leaves the address out then.
      const o = t.outputs as { addressSpace?: string; zones?: string[] };
      return { slug: t.stack, name: names[t.stack] ?? t.stack, addressSpace: o.addressSpace, zones: o.zones ?? [], sites: (sites.get(t.stack) ?? []).sort((a, b) => a.name.localeCompare(b.name)) };
    })
    .sort(bySlug);
  return {
    hub: { location: hubLocation, addressSpace: prefixesOf(hub?.inputs.addressSpace) },
    firewall: primaryFirewall ? { tier: (primaryFirewall.inputs.sku as { tier?: string } | undefined)?.tier, privateIp: outputs.firewallPrivateIp } : undefined,
    vpnGateway: resources.some((r) => r.type === "azure-native:network:VirtualNetworkGateway"),
    drHub: dr ? { location: String(dr.inputs.location ?? ""), addressSpace: prefixesOf(dr.inputs.addressSpace), firewall: firewalls.some((f) => f !== primaryFirewall && f.inputs.location === dr.inputs.location) } : undefined,
    radius: {
      count: resources.filter((r) => r.type === "azure-native:compute:VirtualMachine" && tag(r, "grunnmur:service") === "wifi").length,
      subnet: outputs.hubServicePrefixes?.radius,
    },
    sharedServices: { addressSpace: prefixesOf(shared?.inputs.addressSpace), services: Object.keys(sharedPrefixes).sort().map((key) => ({ key, subnet: sharedPrefixes[key] })) },
    municipalities,
  };
}

/** The model of the region's files, before any preview: what the platform and tenant files ask for. */
export function networkModelFromRegion(region: Pick<Region, "platform" | "tenants">): NetworkModel {
  const p = region.platform;
  const dr = p.regions.dr;
  return {
    hub: { location: p.regions.primary, addressSpace: p.network.hub.addressSpace },
    firewall: { tier: p.network.hub.firewallTier },
    vpnGateway: true,
    drHub: dr?.enabled && p.network.drHub ? { location: dr.location, addressSpace: p.network.drHub.addressSpace, firewall: dr.firewall === true } : undefined,
    radius: { count: p.radius?.count ?? 0 },
    sharedServices: {
      addressSpace: p.network.sharedServicesSpoke?.addressSpace,
      services: Object.entries(p.sharedServices ?? {})
        .map(([key, s]) => ({ key, subnet: s.subnet }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    },
    municipalities: region.tenants
      .map((t) => ({
        slug: t.spec.slug,
        name: t.spec.displayName,
        addressSpace: t.addressSpace,
        zones: [...t.zones],
        sites: Object.entries(t.spec.sites)
          .map(([name, s]) => ({ name, prefixes: [...s.prefixes] }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort(bySlug),
  };
}
