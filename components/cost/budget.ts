/**
 * A monthly budget over a municipality's own resource groups, alerting its
 * recipients at 80 % and 100 % of actual spend, so no invoice surprises a council.
 */
import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import type { ComponentOutputs } from "../shared/common-args";
import { tenantBudgetName } from "../../domain/azure/tenant-names";

export interface TenantBudgetArgs {
  readonly tenant: string;
  /** Subscription scope, e.g. /subscriptions/<id>. */
  readonly subscriptionScope: pulumi.Input<string>;
  readonly resourceGroupNames: pulumi.Input<string>[];
  readonly monthlyNok: number;
  readonly alertRecipients: readonly string[];
  /** Action groups the 80 % and 100 % notifications go to as well (platform.yaml alerting; stacks/tenant/alerting.ts). */
  readonly contactGroups?: pulumi.Input<string>[];
  /** First of a month (domain/cost/budget-period.ts budgetStartDate); used when the budget is created. */
  readonly startDate: string;
}

export const ALERT_THRESHOLDS = [80, 100] as const;

export class TenantBudget extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: TenantBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:cost:TenantBudget", name, {}, opts);
    const notifications = Object.fromEntries(
      ALERT_THRESHOLDS.map((threshold) => [
        `actual-${threshold}-percent`,
        { enabled: true, operator: "GreaterThanOrEqualTo", threshold, thresholdType: "Actual", contactEmails: [...args.alertRecipients], contactGroups: args.contactGroups, locale: "nb-no" },
      ]),
    );
    const budget = new consumption.Budget(
      name,
      {
        scope: args.subscriptionScope,
        budgetName: tenantBudgetName(args.tenant),
        amount: args.monthlyNok,
        category: "Cost",
        timeGrain: "Monthly",
        timePeriod: { startDate: args.startDate },
        filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: args.resourceGroupNames } },
        notifications,
      },
      // Azure refuses to change a budget's start, and the start computed next month would differ.
      { parent: this, ignoreChanges: ["timePeriod.startDate"] },
    );
    this.resourceId = budget.id;
    this.name = budget.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
