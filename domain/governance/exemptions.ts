/**
 * Policy exemptions from tenant files' waivers. A waiver the review agreed to
 * for a rule with a runtime twin must hold in Azure too, or Azure Policy would
 * deny what the pack lets through; and it must end in Azure on the day it ends
 * in the pack.
 *
 * An exemption cannot name a Pulumi logical name, so it is scoped to the
 * narrowest place the platform knows holds the resource: each of the
 * municipality's own resource groups, narrowed by a resource selector to the
 * rule's resource type. It never reaches beyond the municipality's own
 * groups, so one municipality's waiver exempts nothing of another's, nor of the
 * platform. Waivers of rules without a twin need no exemption.
 */
import { createHash } from "node:crypto";
import { plannedAssignments } from "./policy-twins";

export interface WaiverFacts {
  readonly policy: string;
  readonly resource: string;
  readonly reason: string;
  readonly expires: string;
}

export interface TenantWaivers {
  readonly slug: string;
  /** The tenant file, for descriptions. */
  readonly file: string;
  readonly waivers: readonly WaiverFacts[];
  /** The municipality's own subscription; undefined when it shares the platform's. */
  readonly subscriptionId?: string;
  readonly resourceGroupNames: readonly string[];
  /**
   * True when its subscription sits in the municipalities' group. Azure refuses
   * an exemption outside its assignment's scope, so a waiver of a rule assigned
   * there alone makes none for a municipality elsewhere (where that rule is not
   * assigned, nothing needs exempting).
   */
  readonly inMunicipalitiesGroup: boolean;
}

export interface PlannedExemption {
  /** Stable logical name: the tenant, the rule, the waived resource and the group, never a position. */
  readonly key: string;
  /** The exemption's Azure name, at most 64 characters. */
  readonly name: string;
  readonly slug: string;
  /** The key of the assignment exempted from (plannedAssignments). */
  readonly assignmentKey: string;
  /** The exemption's scope: a resource group of the municipality, in its own subscription or (undefined) the platform's. */
  readonly subscriptionId?: string;
  readonly resourceGroupName: string;
  readonly resourceType: string;
  /** End of the waiver's last day, in UTC. */
  readonly expiresOn: string;
  readonly displayName: string;
  readonly description: string;
}

const short = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8);

/**
 * A waiver's `expires` is the last day it holds; Azure's expiresOn is an
 * instant, so the exemption lasts to the end of that day in UTC.
 */
export function exemptionExpiry(expires: string): string {
  return `${expires}T23:59:59Z`;
}

export function plannedExemptions(tenants: readonly TenantWaivers[]): PlannedExemption[] {
  const byPolicy = new Map<string, ReturnType<typeof plannedAssignments>>();
  for (const a of plannedAssignments()) byPolicy.set(a.policyName, [...(byPolicy.get(a.policyName) ?? []), a]);
  const out: PlannedExemption[] = [];
  for (const t of tenants) {
    for (const w of t.waivers) {
      for (const assignment of byPolicy.get(w.policy) ?? []) {
        if (assignment.scope === "municipalities" && !t.inMunicipalitiesGroup) continue;
        for (const group of t.resourceGroupNames) {
          const id = short(`${t.slug}|${w.policy}|${w.resource}|${group}|${assignment.key}`);
          out.push({
            key: `${t.slug}-${assignment.key}-${w.resource}-${group}`,
            name: `wv-${t.slug}-${assignment.key}-${id}`.slice(0, 64),
            slug: t.slug,
            assignmentKey: assignment.key,
            subscriptionId: t.subscriptionId,
            resourceGroupName: group,
            resourceType: assignment.resourceType,
            expiresOn: exemptionExpiry(w.expires),
            displayName: `${t.slug}: waiver of ${w.policy} for ${w.resource}`.slice(0, 128),
            description: `From ${t.file} (waiver of ${w.policy} for ${w.resource}, until ${w.expires}): ${w.reason}`.slice(0, 512),
          });
        }
      }
    }
  }
  return out;
}

/** Narrows an exemption to the rule's resource type; none for a rule over every type. */
export function exemptionResourceSelectors(e: Pick<PlannedExemption, "resourceType">): { resourceSelectors?: { name: string; selectors: { kind: string; in: string[] }[] }[] } {
  return e.resourceType !== "*" ? { resourceSelectors: [{ name: "waived-type", selectors: [{ kind: "resourceType", in: [e.resourceType] }] }] } : {};
}

/** The exemption's scope, once the platform's subscription id is known. */
export function exemptionScope(e: Pick<PlannedExemption, "subscriptionId" | "resourceGroupName">, platformSubscriptionId: string): string {
  return `/subscriptions/${e.subscriptionId ?? platformSubscriptionId}/resourceGroups/${e.resourceGroupName}`;
}
