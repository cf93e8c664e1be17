/**
 * Microsoft Defender for Cloud in every subscription of the region: the plans
 * platform.yaml chooses (domain/governance/defender.ts), the platform team as
 * security contact, and continuous export of alerts and assessments to the
 * central workspace.
 */
import * as pulumi from "@pulumi/pulumi";
import * as security from "@pulumi/azure-native/security";
import type { Provider } from "@pulumi/azure-native";
import { CONTINUOUS_EXPORT, continuousExportScope, pricingScopeId, type PlannedPricing } from "../../domain/governance/defender";
import type { Tags } from "../../domain/azure/tags";
import type { CollectionOutputs } from "../shared/common-args";

export interface DefenderArgs {
  readonly pricings: readonly PlannedPricing[];
  /** Subscription ids by the key a pricing names ("platform" or a slug). */
  readonly subscriptionIds: Readonly<Record<string, pulumi.Input<string>>>;
  /** Providers of municipalities' own subscriptions, by slug; the platform's uses the default provider. */
  readonly providers: Readonly<Record<string, Provider>>;
  readonly contact: { readonly emails: readonly string[]; readonly minimalSeverity: "Low" | "Medium" | "High" };
  /**
   * Continuous export: from the platform's subscription, in this resource group, to this
   * workspace. Only the platform's Defender has it; a municipality's own subscription
   * exports from its tenant stack (DefenderExport).
   */
  readonly export?: { readonly resourceGroupName: pulumi.Input<string>; readonly location: string; readonly workspaceResourceId: pulumi.Input<string> };
  readonly tags: Tags;
}

export class Defender extends pulumi.ComponentResource implements CollectionOutputs {
  /** Pricing ids by logical key ("<subscription key>-<plan>"). */
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: DefenderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:governance:Defender", name, {}, opts);
    const providerOpts = (key: string) => (key === "platform" ? { parent: this } : { parent: this, provider: args.providers[key] });
    for (const p of args.pricings) {
      const pricing = new security.Pricing(
        `${name}-${p.logicalKey}`,
        {
          scopeId: pulumi.output(args.subscriptionIds[p.subscriptionKey]).apply(pricingScopeId),
          pricingName: p.pricingName,
          pricingTier: "Standard",
          subPlan: p.subPlan,
        },
        providerOpts(p.subscriptionKey),
      );
      this.resourceIds[p.logicalKey] = pricing.id;
      this.names[p.logicalKey] = pricing.name;
    }
    for (const key of Object.keys(args.subscriptionIds).sort()) {
      // Defender for Cloud keeps one contact per subscription, named "default" (Security Contacts - Create).
      new security.SecurityContact(
        `${name}-contact-${key}`,
        {
          securityContactName: "default",
          emails: args.contact.emails.join(";"),
          isEnabled: true,
          notificationsByRole: { roles: ["Owner"], state: "On" },
          notificationsSources: [{ sourceType: "Alert", minimalSeverity: args.contact.minimalSeverity }],
        },
        providerOpts(key),
      );
    }
    // Scopes of an export must lie in its own subscription (Automations - Create Or Update,
    // scopes), so this one covers the platform's subscription, where most municipalities live;
    // a municipality's own subscription has its own export, in its tenant stack (DefenderExport).
    const exportTo = args.export;
    if (exportTo) {
      new security.Automation(
        `${name}-export`,
        {
          resourceGroupName: exportTo.resourceGroupName,
          location: exportTo.location,
          automationName: CONTINUOUS_EXPORT.automationName,
          description: CONTINUOUS_EXPORT.description,
          isEnabled: true,
          scopes: [pulumi.output(args.subscriptionIds.platform).apply((id) => continuousExportScope(id, "The platform's subscription"))],
          sources: CONTINUOUS_EXPORT.sources.map((eventSource) => ({ eventSource })),
          actions: [{ actionType: "Workspace", workspaceResourceId: exportTo.workspaceResourceId }],
          tags: args.tags,
        },
        { parent: this },
      );
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
