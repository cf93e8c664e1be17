/**
 * What stack policies need to know about a stack beyond single resources:
 * its outputs, the resource groups it owns, the hub and the central
 * workspace, and whether one resource refers to another.
 *
 * References are resolved by value (ARM ids, known offline and after
 * deployment) or, when a value is unknown during `pulumi preview`, by the
 * property dependencies the engine records (the id came from that resource).
 */
import type { PolicyResource } from "@pulumi/policy";
import { isWithin, parseArmId } from "../../domain/azure/arm-id";
import { OUTPUT } from "../../stacks/contract";
import { knownString, peek, sameText, UNKNOWN } from "./values";

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
export const RESOURCE_GROUP_TYPE = "azure-native:resources:ResourceGroup";
export const WORKSPACE_TYPE = "azure-native:operationalinsights:Workspace";


export function ofType(resources: readonly PolicyResource[], ...types: string[]): PolicyResource[] {
  return resources.filter((r) => types.includes(r.type));
}

/** A stack output: from the stack's own outputs, else from the platform outputs a StackReference read. */
export function stackOutput(resources: readonly PolicyResource[], key: string): string | undefined {
  for (const stack of ofType(resources, STACK_TYPE)) {
    const value = knownString(() => stack.props[key]);
    if (value) return value;
  }
  for (const ref of ofType(resources, STACK_REFERENCE_TYPE)) {
    const value = knownString(() => ref.props.outputs?.[key]);
    if (value) return value;
  }
  return undefined;
}

/** An output of this stack itself, never one read from another stack through a StackReference. */
export function ownStackOutput(resources: readonly PolicyResource[], key: string): string | undefined {
  for (const stack of ofType(resources, STACK_TYPE)) {
    const value = knownString(() => stack.props[key]);
    if (value) return value;
  }
  return undefined;
}

/** The resource's ARM id when known (offline always; in a real preview only for existing resources). */
export function idOf(resource: PolicyResource): string | undefined {
  return knownString(() => resource.props.id);
}

export interface Placement {
  readonly subscriptionId: string;
  /** How it is known, for messages: "its provider tenant-subscription" or "its id". */
  readonly via: string;
}

/**
 * The subscription a resource is deployed to: its explicit provider's
 * subscriptionId (the engine passes each resource's provider to policies; the
 * offline runner, the one the preview recorded), else the one in its ARM id.
 * Undefined when neither is known: a resource of the default provider before
 * Azure has created it.
 */
export function placementOf(resource: PolicyResource): Placement | undefined {
  const fromProvider = knownString(() => resource.provider?.props?.subscriptionId);
  if (fromProvider) return { subscriptionId: fromProvider, via: `its provider ${resource.provider!.name}` };
  const id = idOf(resource);
  const fromId = id ? parseArmId(id)?.subscriptionId : undefined;
  return fromId ? { subscriptionId: fromId, via: "its id" } : undefined;
}

/** A property's value as a known string, or UNKNOWN, or undefined when unset. */
export function refValue(read: () => unknown): string | typeof UNKNOWN | undefined {
  const value = peek(read);
  if (value === UNKNOWN) return UNKNOWN;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Whether `property` of `from` was computed from `target` (engine-recorded dependency). */
export function dependsThrough(from: PolicyResource, property: string, target: PolicyResource): boolean {
  return (from.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn);
}

/**
 * Whether `from.<property>` (read by `read`) refers to `target`: the same ARM id,
 * or an id below it when `within` (e.g. a storage account's file service), or,
 * when the value is unknown, a recorded dependency on `target`.
 */
export function refersTo(from: PolicyResource, property: string, read: () => unknown, target: PolicyResource, within = false): boolean {
  const value = refValue(read);
  const targetId = idOf(target);
  if (typeof value === "string" && targetId) return within ? isWithin(value, targetId) : sameText(value, targetId);
  return dependsThrough(from, property, target);
}

export interface OwnResourceGroup {
  readonly resource: PolicyResource;
  readonly name?: string;
  readonly id?: string;
}

/** Resource groups the stack creates: for a tenant, the only places its resources and roles may be. */
export function ownResourceGroups(resources: readonly PolicyResource[]): OwnResourceGroup[] {
  return ofType(resources, RESOURCE_GROUP_TYPE).map((resource) => ({
    resource,
    name: knownString(() => resource.props.resourceGroupName) ?? knownString(() => resource.props.name),
    id: idOf(resource),
  }));
}

export interface CentralWorkspace {
  readonly id?: string;
  readonly resource?: PolicyResource;
}

/**
 * The central Log Analytics workspace: the stack output logAnalyticsWorkspaceId
 * (tenant stacks re-export the platform's), else the one workspace the stack creates.
 */
export function centralWorkspace(resources: readonly PolicyResource[]): CentralWorkspace | undefined {
  const fromOutput = stackOutput(resources, OUTPUT.centralWorkspaceId);
  const created = ofType(resources, WORKSPACE_TYPE);
  const match = fromOutput ? created.find((w) => sameText(idOf(w), fromOutput)) : created.length === 1 ? created[0] : undefined;
  if (fromOutput) return { id: fromOutput, resource: match };
  if (match) return { id: idOf(match), resource: match };
  return undefined;
}
