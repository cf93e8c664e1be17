/**
 * Each tenant's share of the hub (components/network/tenant-attachment.ts), in
 * file order: a tenant's rule groups are written after the previous tenant's,
 * because Azure rejects concurrent writes to one firewall policy.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Firewall } from "../../components/network/firewall";
import { tenantRuleCollectionGroup, type SharedServiceAddresses } from "../../domain/network/firewall-rules";
import { TenantAttachment } from "../../components/network/tenant-attachment";
import { subscriptionsOf } from "../../domain/network/shared-services";
import type { VpnGateway } from "../../components/network/vpn-gateway";
import type { Tags } from "../../domain/azure/tags";
import type { PlatformStackInput } from "../inputs";
import type { SecretVault } from "../../components/security/generated-secret";

export interface HubForTenants {
  readonly firewalls: ReadonlyArray<{ readonly name: string; readonly component: Firewall; readonly resourceGroupName: pulumi.Input<string> }>;
  readonly vpn: VpnGateway;
  /** The hub's resource group, where the VPN sites go. */
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly shared: SharedServiceAddresses;
  /** The platform Key Vault, where each site's generated pre-shared key is kept. */
  readonly secretVault: SecretVault;
  readonly tags: Tags;
}

/**
 * A run of the platform program that attaches some tenants only: the offline
 * preview splits a large platform over workers, and previews a change of a few
 * tenants (scripts/preview/tenant-scope.ts). A deployment has none
 * (stacks/index.ts) and attaches every tenant.
 */
export interface TenantScope {
  /** The tenants whose attachments this run registers. */
  readonly tenants: readonly string[];
  /**
   * What the next tenant's rule group in the firewall policy `firewallName` waits
   * for when `tenant`, the one before it, is left out: it stands in for the
   * left-out group (logical name `ruleGroupName(firewallName, groupKey)`), so the
   * dependency reads as in a run that attaches every tenant.
   */
  ruleGroupStandIn(tenant: string, firewallName: string, groupKey: string): pulumi.Input<pulumi.Resource[]>;
}

/**
 * One TenantAttachment per tenant, or per tenant of `scope` when given, by slug.
 * A tenant left out still orders the next one, through the scope's stand-in.
 */
export function attachTenants(input: PlatformStackInput, hub: HubForTenants, scope?: TenantScope): ReadonlyMap<string, TenantAttachment> {
  const attachments = new Map<string, TenantAttachment>();
  const inScope = new Set(scope?.tenants);
  // What each firewall policy's next tenant rule group is written after.
  let writtenAfter = (_firewallName: string, fw: Firewall): pulumi.Input<pulumi.Resource[]> => (fw.lastRuleGroup ? [fw.lastRuleGroup] : []);
  for (const t of input.tenants) {
    const slug = t.spec.slug;
    if (scope && !inScope.has(slug)) {
      writtenAfter = (firewallName) => scope.ruleGroupStandIn(slug, firewallName, slug);
      continue;
    }
    const attachment = new TenantAttachment(slug, {
      tenant: slug,
      ruleCollectionGroup: tenantRuleCollectionGroup(
        {
          slug,
          kommunenummer: t.spec.kommunenummer,
          addressSpace: t.addressSpace,
          zones: { general: t.subnets.general, secure: t.subnets.secure, exam: t.subnets.exam },
          allowedEgress: { exam: t.spec.network.zones.exam?.allowedEgress ?? [] },
          sitePrefixes: Object.values(t.spec.sites).flatMap((s) => s.prefixes),
          wifi: t.spec.wifi
            ? { accessPoints: Object.values(t.spec.wifi.accessPoints).map((ap) => ap.address), directoryAtSites: t.spec.wifi.userBackend.kind === "ldap" }
            : undefined,
          sharedServices: input.platform.network.sharedServicesSpoke
            ? {
                spoke: input.platform.network.sharedServicesSpoke.addressSpace,
                subscriptions: subscriptionsOf(t.spec.sharedServices, input.platform.sharedServices, { general: t.subnets.general, secure: t.subnets.secure, exam: t.subnets.exam }),
              }
            : undefined,
        },
        hub.shared,
      ),
      firewalls: hub.firewalls.map(({ name, component, resourceGroupName }) => ({
        name,
        component,
        resourceGroupName,
        policyName: component.policyName,
        after: writtenAfter(name, component),
      })),
      vpn: {
        component: hub.vpn,
        gatewayId: hub.vpn.resourceId,
        resourceGroupName: hub.resourceGroupName,
        location: hub.location,
        sites: Object.entries(t.spec.sites).map(([key, site]) => ({
          key,
          publicIp: site.publicIp,
          prefixes: site.prefixes,
        })),
      },
      secretVault: hub.secretVault,
      tags: hub.tags,
    });
    writtenAfter = (firewallName) => [attachment.ruleGroups[firewallName]];
    attachments.set(slug, attachment);
  }
  return attachments;
}
