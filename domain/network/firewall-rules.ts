/**
 * Azure Firewall policy rules generated from the tenant files. Pure: one rule
 * collection group per tenant (so adding a tenant adds its group and touches
 * no other), plus one platform group that denies spoke-to-spoke traffic.
 * Azure Firewall evaluates all network rules before application rules, by group
 * priority, so the isolation deny at priority 200 wins over any tenant allow.
 * What each zone may reach is declared with the zones (zones.ts).
 */
import { sharedServiceAllowRules, sharedSpokeDenyCollection, type TenantSharedServices } from "./shared-services";
import type { ApplicationRule, NetworkRule, RuleCollection, RuleCollectionGroupSpec } from "./firewall-rule-types";
import { ZONE_NAMES, ZONE_RULES, type ZoneName } from "./zones";

export type { ApplicationRule, NetworkRule, RuleCollection, RuleCollectionGroupSpec } from "./firewall-rule-types";

export interface SharedServiceAddresses {
  /** The DNS private resolver's inbound endpoint. */
  readonly dnsResolver: string;
  /** The shared-services subnet (file servers, management tools). */
  readonly sharedServices: string;
  /** The RADIUS subnet: the eduroam servers, reached from the sites through the firewall. */
  readonly radius: string;
}

/** What a tenant with Wi-Fi needs through the firewall. */
export interface TenantWifiInput {
  /** Addresses (or blocks) of its access points and controllers, the RADIUS clients. */
  readonly accessPoints: readonly string[];
  /** Whether the RADIUS servers bind to the municipality's directory over LDAPS at its sites. */
  readonly directoryAtSites: boolean;
}

export interface TenantFirewallInput {
  readonly slug: string;
  /** Sets the group's priority: unique and stable, so priorities never collide or move. */
  readonly kommunenummer: string;
  readonly addressSpace: string;
  /** The tenant's zone subnets, for the zones it has. */
  readonly zones: Readonly<Partial<Record<ZoneName, string>>>;
  /** Hosts a zone with internet access "allow-list" may reach, by zone. */
  readonly allowedEgress: Readonly<Partial<Record<ZoneName, readonly string[]>>>;
  /** On-premises prefixes of the tenant's own sites, reached over its VPN. */
  readonly sitePrefixes: readonly string[];
  /** Set when the tenant subscribes to Wi-Fi (eduroam). */
  readonly wifi?: TenantWifiInput;
  /** Set when the platform has a shared-services spoke: the tenant's subscriptions (domain/network/shared-services.ts). */
  readonly sharedServices?: TenantSharedServices;
}

/** RADIUS authentication and accounting (RFC 2865, RFC 2866). */
export const RADIUS_PORTS = ["1812", "1813"];
export const LDAPS_PORT = "636";

export const ISOLATION_GROUP_PRIORITY = 200;
export const TENANT_GROUP_BASE_PRIORITY = 10000;

export function isolationRuleCollectionGroup(tenantPool: string): RuleCollectionGroupSpec {
  return {
    key: "isolation",
    priority: ISOLATION_GROUP_PRIORITY,
    ruleCollections: [
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "deny-spoke-to-spoke",
        priority: 100,
        action: { type: "Deny" },
        rules: [
          {
            ruleType: "NetworkRule",
            name: "deny-between-tenants",
            description: "No municipality reaches another municipality's network (NSM 2.2.3).",
            ipProtocols: ["Any"],
            sourceAddresses: [tenantPool],
            destinationAddresses: [tenantPool],
            destinationPorts: ["*"],
          },
        ],
      },
    ],
  };
}

export function tenantRuleCollectionGroup(tenant: TenantFirewallInput, shared: SharedServiceAddresses): RuleCollectionGroupSpec {
  const present = ZONE_NAMES.filter((zone) => tenant.zones[zone]);
  const subnet = (zone: ZoneName) => tenant.zones[zone]!;
  const withOwnSites = present.filter((zone) => ZONE_RULES[zone].ownSites).map(subnet);
  const network: NetworkRule[] = [
    {
      ruleType: "NetworkRule",
      name: "dns",
      description: `${tenant.slug}: name resolution through the shared DNS resolver`,
      ipProtocols: ["UDP", "TCP"],
      sourceAddresses: present.map(subnet),
      destinationAddresses: [shared.dnsResolver],
      destinationPorts: ["53"],
    },
  ];
  if (tenant.sitePrefixes.length > 0) {
    network.push(
      {
        ruleType: "NetworkRule",
        name: "spoke-to-own-sites",
        description: `${tenant.slug}: cloud zones to the municipality's own premises over its VPN`,
        ipProtocols: ["Any"],
        sourceAddresses: withOwnSites,
        destinationAddresses: [...tenant.sitePrefixes],
        destinationPorts: ["*"],
      },
      {
        ruleType: "NetworkRule",
        name: "own-sites-to-spoke",
        description: `${tenant.slug}: the municipality's own premises to its cloud zones`,
        ipProtocols: ["Any"],
        sourceAddresses: [...tenant.sitePrefixes],
        destinationAddresses: withOwnSites,
        destinationPorts: ["*"],
      },
    );
  }
  // The hub routes the sites' traffic to the RADIUS subnet through the firewall (domain/network/routes.ts),
  // so eduroam works only with these rules; the addresses are the tenant's own, never a range of the hub's.
  if (tenant.wifi && tenant.wifi.accessPoints.length > 0) {
    network.push({
      ruleType: "NetworkRule",
      name: "wifi-radius",
      description: `${tenant.slug}: access points and controllers send eduroam requests to the RADIUS servers`,
      ipProtocols: ["UDP"],
      sourceAddresses: [...tenant.wifi.accessPoints],
      destinationAddresses: [shared.radius],
      destinationPorts: [...RADIUS_PORTS],
    });
  }
  if (tenant.wifi?.directoryAtSites && tenant.sitePrefixes.length > 0) {
    network.push({
      ruleType: "NetworkRule",
      name: "wifi-directory",
      description: `${tenant.slug}: the RADIUS servers check passwords against the municipality's directory over LDAPS`,
      ipProtocols: ["TCP"],
      sourceAddresses: [shared.radius],
      destinationAddresses: [...tenant.sitePrefixes],
      destinationPorts: [LDAPS_PORT],
    });
  }
  if (tenant.sharedServices) network.push(...sharedServiceAllowRules(tenant.slug, tenant.sharedServices.subscriptions));
  const application: ApplicationRule[] = [];
  for (const zone of present) {
    const access = ZONE_RULES[zone].internet;
    const allowList = tenant.allowedEgress[zone] ?? [];
    if (access === "web") {
      application.push({
        ruleType: "ApplicationRule",
        name: `${zone}-internet`,
        description: `${tenant.slug}: web access from the ${zone} zone, inspected by the firewall`,
        sourceAddresses: [subnet(zone)],
        protocols: [
          { protocolType: "Https", port: 443 },
          { protocolType: "Http", port: 80 },
        ],
        targetFqdns: ["*"],
      });
    } else if (access === "allow-list" && allowList.length > 0) {
      application.push({
        ruleType: "ApplicationRule",
        name: `${zone}-allow-list`,
        description: `${tenant.slug}: the ${zone} zone reaches only the hosts in its allow-list`,
        sourceAddresses: [subnet(zone)],
        protocols: [{ protocolType: "Https", port: 443 }],
        targetFqdns: [...allowList],
      });
    }
    // A zone with access "none" (the secure zone) gets no internet rule at all: only DNS and private endpoints.
  }
  const collections: RuleCollection[] = [
    { ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: `${tenant.slug}-network`, priority: 100, action: { type: "Allow" }, rules: network },
  ];
  if (tenant.sharedServices) collections.push(sharedSpokeDenyCollection(tenant.slug, tenant.addressSpace, tenant.sharedServices.spoke));
  if (application.length > 0) {
    collections.push({ ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: `${tenant.slug}-web`, priority: 200, action: { type: "Allow" }, rules: application });
  }
  return { key: tenant.slug, priority: TENANT_GROUP_BASE_PRIORITY + Number(tenant.kommunenummer), ruleCollections: collections };
}
