/**
 * The platform's data collection rule for members' VMs: what the Azure Monitor
 * Agent on each VM sends to the central workspace. Windows event logs (errors
 * and warnings of Application and System, Security audit events), Linux syslog
 * (warnings and worse; every auth message) and a few performance counters.
 * Each WorkloadVm associates its VM with it.
 *
 * Streams, XPath queries and counter names as Learn gives them ("Collect data
 * with Azure Monitor Agent", https://learn.microsoft.com/azure/azure-monitor/vm/data-collection;
 * "Collect Windows events", https://learn.microsoft.com/azure/azure-monitor/vm/data-collection-windows-events).
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";

/** Destination name inside the rule; any name, used by the data flow. */
const CENTRAL = "central";

export const WINDOWS_EVENT_QUERIES = [
  "Application!*[System[(Level=1 or Level=2 or Level=3)]]",
  "System!*[System[(Level=1 or Level=2 or Level=3)]]",
  // Audit success and failure.
  "Security!*[System[(band(Keywords,13510798882111488))]]",
] as const;

export const PERFORMANCE_COUNTERS = [
  "\\Processor Information(_Total)\\% Processor Time",
  "\\Memory\\% Committed Bytes In Use",
  "\\LogicalDisk(_Total)\\% Free Space",
  "Processor(*)\\% Processor Time",
  "Memory(*)\\% Used Memory",
  "Logical Disk(*)\\% Used Space",
] as const;

// The rule itself is configuration, not data: no lock, and no diagnostics of its own.
export interface VmDataCollectionRuleArgs extends Omit<CommonArgs, "diagnostics" | "lock"> {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly workspaceResourceId: pulumi.Input<string>;
}

export class VmDataCollectionRule extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: VmDataCollectionRuleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:monitoring:VmDataCollectionRule", name, {}, opts);
    const rule = new monitor.DataCollectionRule(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        dataCollectionRuleName: `dcr-${args.nameParts.join("-")}`,
        description: "Members' VMs: Windows events, Linux syslog and performance counters to the central workspace.",
        dataSources: {
          windowsEventLogs: [{ name: "windows-events", streams: ["Microsoft-Event"], xPathQueries: [...WINDOWS_EVENT_QUERIES] }],
          syslog: [
            { name: "syslog-warnings", streams: ["Microsoft-Syslog"], facilityNames: ["daemon", "kern", "syslog", "user", "cron"], logLevels: ["Warning", "Error", "Critical", "Alert", "Emergency"] },
            { name: "syslog-auth", streams: ["Microsoft-Syslog"], facilityNames: ["auth", "authpriv"], logLevels: ["Info", "Notice", "Warning", "Error", "Critical", "Alert", "Emergency"] },
          ],
          performanceCounters: [{ name: "counters", streams: ["Microsoft-Perf"], samplingFrequencyInSeconds: 60, counterSpecifiers: [...PERFORMANCE_COUNTERS] }],
        },
        destinations: { logAnalytics: [{ name: CENTRAL, workspaceResourceId: args.workspaceResourceId }] },
        dataFlows: [{ streams: ["Microsoft-Event", "Microsoft-Syslog", "Microsoft-Perf"], destinations: [CENTRAL] }],
        tags: args.tags,
      },
      { parent: this },
    );
    this.resourceId = rule.id;
    this.name = rule.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
