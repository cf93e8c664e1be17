/**
 * Each tenant's share of the hub (components/network/tenant-attachment.ts), in
 * file order: a tenant's rule groups are written after the previous tenant's,
 * because Azure rejects concurrent writes to one firewall policy.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Firewall } from "../../components/network/firewall";
import { tenantRuleCollectionGroup, type SharedServiceAddresses } from "../../domain/network/firewall-rules";
import { TenantAttachment } from "../../components/network/tenant-attachment";
import type { VpnGateway } from "../../components/network/vpn-gateway";
import type { Tags } from "../../domain/azure/tags";
import type { PlatformStackInput } from "../inputs";
import { resolveSecret, type SecretContext } from "../secrets";

export interface HubForTenants {
  readonly firewalls: ReadonlyArray<{ readonly name: string; readonly component: Firewall; readonly resourceGroupName: pulumi.Input<string> }>;
  readonly vpn: VpnGateway;
  /** The hub's resource group, where the VPN sites go. */
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly shared: SharedServiceAddresses;
  readonly secretContext: SecretContext;
  readonly tags: Tags;
}

/**
 * One TenantAttachment per tenant, or per tenant in `input.tenantScope` when set.
 * A tenant left out still orders the next one: its rule group is stood in for by URN.
 */
export function attachTenants(input: PlatformStackInput, hub: HubForTenants): void {
  const inScope = input.tenantScope ? new Set(input.tenantScope) : undefined;
  let previous: { slug: string; groups?: Record<string, pulumi.Resource> } | undefined;
  const writtenAfter = (firewallName: string, fw: Firewall): pulumi.Input<pulumi.Resource[]> => {
    if (!previous) return fw.lastRuleGroup ? [fw.lastRuleGroup] : [];
    if (previous.groups) return [previous.groups[firewallName]];
    return TenantAttachment.ruleGroupStandIn(previous.slug, firewallName, previous.slug);
  };
  for (const t of input.tenants) {
    const slug = t.spec.slug;
    if (inScope && !inScope.has(slug)) {
      previous = { slug };
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
          preSharedKey: resolveSecret(site.preSharedKey, hub.secretContext),
        })),
      },
      tags: hub.tags,
    });
    previous = { slug, groups: attachment.ruleGroups };
  }
}
