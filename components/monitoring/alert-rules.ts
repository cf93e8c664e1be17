/**
 * The alert rules of the region, from the plan in domain/alerting/plan.ts:
 * metric alerts on the resource they watch, log alerts on the central
 * workspace, the Service Health alert on the platform's subscription. Each is
 * sent to the action groups of the owners the plan names.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import type { AlertPlan, Owner } from "../../domain/alerting/plan";
import type { Tags } from "../../domain/azure/tags";
import type { CollectionOutputs } from "../shared/common-args";

export interface AlertRulesArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly alerts: readonly AlertPlan[];
  readonly actionGroupIds: Readonly<Record<Owner, pulumi.Input<string>>>;
  /** Resource ids of the metric alerts' targets, by the plan's target key. */
  readonly targets: Readonly<Record<string, pulumi.Input<string>>>;
  readonly workspaceResourceId: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
  readonly tags: Tags;
  /** Where a municipality's alert lives in the state: its TenantAttachment. */
  readonly parentFor?: (owner: Owner) => pulumi.Resource | undefined;
}

export class AlertRules extends pulumi.ComponentResource implements CollectionOutputs {
  /** Rule ids and names by the plan's key. */
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: AlertRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:monitoring:AlertRules", name, {}, opts);
    const groupsOf = (routeTo: readonly Owner[]) =>
      routeTo.map((owner) => {
        const id = args.actionGroupIds[owner];
        if (!id) throw new Error(`alert routing: no action group for "${owner}"; every owner in the plan needs one`);
        return id;
      });
    for (const plan of args.alerts) {
      const parent = args.parentFor?.(plan.routeTo[0]) ?? this;
      const common = { resourceGroupName: args.resourceGroupName, description: plan.description, tags: args.tags };
      let rule: pulumi.CustomResource & { name: pulumi.Output<string> };
      switch (plan.kind) {
        case "metric": {
          const target = args.targets[plan.target];
          if (!target) throw new Error(`alert ${plan.key}: nothing to watch under "${plan.target}"`);
          rule = new monitor.MetricAlert(
            plan.key,
            {
              ...common,
              ruleName: plan.ruleName,
              location: "global",
              enabled: true,
              severity: plan.severity,
              scopes: [target],
              evaluationFrequency: plan.evaluationFrequency,
              windowSize: plan.windowSize,
              autoMitigate: true,
              criteria: {
                odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                allOf: [
                  {
                    criterionType: "StaticThresholdCriterion",
                    name: plan.metricName,
                    metricNamespace: plan.metricNamespace,
                    metricName: plan.metricName,
                    operator: plan.operator,
                    threshold: plan.threshold,
                    timeAggregation: plan.timeAggregation,
                    dimensions: plan.dimensions?.map((d) => ({ ...d, values: [...d.values] })),
                  },
                ],
              },
              actions: groupsOf(plan.routeTo).map((actionGroupId) => ({ actionGroupId })),
            },
            { parent },
          );
          break;
        }
        case "log":
          rule = new monitor.ScheduledQueryRule(
            plan.key,
            {
              ...common,
              ruleName: plan.ruleName,
              displayName: plan.ruleName,
              location: args.location,
              kind: "LogAlert",
              enabled: true,
              severity: plan.severity,
              scopes: [args.workspaceResourceId],
              evaluationFrequency: plan.evaluationFrequency,
              windowSize: plan.windowSize,
              overrideQueryTimeRange: plan.overrideQueryTimeRange,
              autoMitigate: false,
              criteria: {
                allOf: [
                  {
                    query: plan.query,
                    timeAggregation: "Count",
                    operator: "GreaterThan",
                    threshold: 0,
                    failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
                  },
                ],
              },
              actions: { actionGroups: groupsOf(plan.routeTo) },
            },
            { parent },
          );
          break;
        case "activity":
          rule = new monitor.ActivityLogAlert(
            plan.key,
            {
              ...common,
              activityLogAlertName: plan.ruleName,
              location: "global",
              enabled: true,
              scopes: [pulumi.interpolate`/subscriptions/${args.subscriptionId}`],
              condition: { allOf: plan.conditions.map((c) => ({ ...c, containsAny: c.containsAny ? [...c.containsAny] : undefined })) },
              actions: { actionGroups: groupsOf(plan.routeTo).map((actionGroupId) => ({ actionGroupId })) },
            },
            { parent },
          );
          break;
      }
      this.resourceIds[plan.key] = rule.id;
      this.names[plan.key] = rule.name;
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
