/** Platform and tenant previews with the network parts the diagram reads, built from a short description. */
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];

function resource(name: string, type: string, inputs: Record<string, unknown>): Resource {
  return {
    urn: `urn:pulumi:prod::grunnmur::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    id: null,
    inputs,
    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
  };
}

export interface MunicipalityDescription {
  slug: string;
  addressSpace: string;
  zones?: string[];
  sites?: Record<string, string[]>;
}

export interface RegionDescription {
  municipalities: MunicipalityDescription[];
  dr?: boolean;
  radius?: number;
  sharedServices?: Record<string, string>;
}

const vnet = (name: string, location: string, prefix: string) => resource(name, "azure-native:network:VirtualNetwork", { location, addressSpace: { addressPrefixes: [prefix] } });

export function networkPreviews(d: RegionDescription): { platform: StackPreview; tenants: StackPreview[] } {
  const tagged = (service: string, tenant = "tromso") => ({ "grunnmur:service": service, "grunnmur:tenant": tenant });
  const resources: Resource[] = [
    vnet("hub", "norwayeast", "10.95.0.0/22"),
    resource("hub-firewall", "azure-native:network:AzureFirewall", { location: "norwayeast", sku: { name: "AZFW_VNet", tier: "Standard" }, tags: tagged("firewall") }),
    resource("hub-vpn", "azure-native:network:VirtualNetworkGateway", { location: "norwayeast", sku: { name: "VpnGw1AZ" }, tags: tagged("vpn") }),
    ...(d.dr === false ? [] : [vnet("hub-dr", "norwaywest", "10.95.4.0/22")]),
    ...Array.from({ length: d.radius ?? 2 }, (_, i) => resource(`radius-${i + 1}`, "azure-native:compute:VirtualMachine", { location: "norwayeast", hardwareProfile: { vmSize: "Standard_B2s" }, tags: tagged("wifi") })),
    ...(d.sharedServices ? [vnet("shared-services", "norwayeast", "10.95.8.0/22")] : []),
  ];
  for (const m of d.municipalities) {
    for (const [site, prefixes] of Object.entries(m.sites ?? {})) {
      resources.push(resource(`site-${m.slug}-${site}`, "azure-native:network:LocalNetworkGateway", { localNetworkAddressSpace: { addressPrefixes: prefixes }, tags: tagged("vpn", m.slug) }));
    }
  }
  const outputs = { location: "norwayeast", firewallPrivateIp: "10.95.1.4", hubServicePrefixes: { radius: "10.95.1.160/27" }, sharedServicePrefixes: d.sharedServices ?? {} };
  return {
    platform: { stack: "platform", generatedBy: "test", resources, outputs },
    tenants: d.municipalities.map((m) => ({ stack: m.slug, generatedBy: "test", resources: [], outputs: { tenant: m.slug, addressSpace: m.addressSpace, zones: m.zones ?? ["general"] } })),
  };
}
