/**
 * The TenantScope a preview worker gives the platform program when it attaches
 * some tenants only (a part of a split platform, or --only / --changed-since).
 * It lives here, not in the program: no deployment ever leaves a tenant out.
 */
import * as pulumi from "@pulumi/pulumi";
import { RULE_GROUP_TYPE, ruleGroupName, TENANT_ATTACHMENT_TYPE } from "../../domain/network/tenant-attachment-names";
import type { TenantScope } from "../../stacks/platform/tenant-attachments";

/**
 * A left-out tenant's rule group stands in as a DependencyResource with the URN
 * the real group has in a whole run, so the next tenant's group records the same
 * dependency and the parts of a platform merge into the same file.
 */
export function previewTenantScope(tenants: readonly string[]): TenantScope {
  return {
    tenants,
    ruleGroupStandIn(tenant, firewallName, groupKey) {
      const attachment = pulumi.createUrn(tenant, TENANT_ATTACHMENT_TYPE);
      return pulumi.createUrn(ruleGroupName(firewallName, groupKey), RULE_GROUP_TYPE, attachment).apply((urn) => [new pulumi.DependencyResource(urn)]);
    },
  };
}
