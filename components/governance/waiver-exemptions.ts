/**
 * One municipality's waivers as Azure Policy exemptions, made by its hub's
 * stack when that hub is not the primary (the platform makes the primary hub's
 * municipalities' inside PolicyGuardrails). The assignments they exempt from
 * are the platform's, named by id (policy-twins.ts assignmentResourceId); the
 * platform deploys before every hub stack, so they exist when these are made.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { exemptionResourceSelectors, exemptionScope, type PlannedExemption } from "../../domain/governance/exemptions";
import type { CollectionOutputs } from "../shared/common-args";

export interface WaiverExemptionsArgs {
  readonly exemptions: readonly PlannedExemption[];
  /** The assignment id of each exemption, by its key. */
  readonly assignmentIds: Readonly<Record<string, string>>;
  /** Where a municipality without a subscription of its own has its resource groups. */
  readonly platformSubscriptionId: pulumi.Input<string>;
}

export class WaiverExemptions extends pulumi.ComponentResource implements CollectionOutputs {
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: WaiverExemptionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:governance:WaiverExemptions", name, {}, opts);
    for (const e of args.exemptions) {
      const exemption = new authorization.PolicyExemption(
        `${name}-${e.key}`,
        {
          scope: pulumi.output(args.platformSubscriptionId).apply((id) => exemptionScope(e, id)),
          policyExemptionName: e.name,
          policyAssignmentId: args.assignmentIds[e.key],
          exemptionCategory: "Waiver",
          expiresOn: e.expiresOn,
          displayName: e.displayName,
          description: e.description,
          ...exemptionResourceSelectors(e),
        },
        { parent: this },
      );
      this.resourceIds[e.key] = exemption.id;
      this.names[e.key] = exemption.name;
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
