/**
 * Runs the pack's policy objects over a captured stack, the way the Pulumi
 * engine would: each resource's inputs through every resource policy, then the
 * whole stack through every stack policy. No gRPC, no engine, no cloud.
 */
import type {
  EnforcementLevel,
  PolicyProviderResource,
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { ruleIdOf, type GrunnmurPolicy, type ResourceOptions } from "../../policies/core/define";
import type { PolicyEnvironment } from "../../policies/core/environment";
import { STACK_TYPE } from "../../policies/core/stack-facts";
import { findWaiver } from "../../policies/waivers";
import { PROJECT } from "../../stacks/contract";
import { runPreflight, type PreflightRule } from "../../domain/preflight";
import type { CheckedResource, CheckedStack, PolicyReport, Violation, WaivedViolation } from "../preview/preview-file";

/** Per-policy settings, in the format of `pulumi preview --policy-pack-config FILE`. */
export type PackConfig = Readonly<Record<string, EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>>;

export interface RunOptions {
  readonly policies: readonly GrunnmurPolicy[];
  readonly env: PolicyEnvironment;
  readonly config?: PackConfig;
  /**
   * Azure's deploy-time rules (domain/preflight/) to run beside the policies; each
   * finding is a mandatory violation, not waivable and not configurable: Azure
   * refuses the deployment whatever the pack says.
   */
  readonly preflight?: readonly PreflightRule[];
}

/**
 * Thrown when a policy says it does not apply, which most do for most resources: one
 * shared instance, not an Error, because capturing a stack trace for each of tens of
 * thousands of throws was a visible part of a large region's check.
 */
class NotApplicable {}
const NOT_APPLICABLE = new NotApplicable();

function enforcementOf(policy: GrunnmurPolicy, config: PackConfig | undefined): EnforcementLevel {
  const levelIn = (given: PackConfig[string] | undefined) => (typeof given === "string" ? given : given?.enforcementLevel);
  // As in Pulumi's pack config: a policy's own setting, then "all", then the policy's default.
  const level = levelIn(config?.[policy.name]) ?? levelIn(config?.all) ?? policy.enforcementLevel ?? "advisory";
  return level === "remediate" ? "mandatory" : level;
}

function configOf(policy: GrunnmurPolicy, config: PackConfig | undefined): Record<string, unknown> {
  const given = config?.[policy.name];
  if (!given || typeof given === "string") return {};
  const { enforcementLevel: _ignored, ...rest } = given;
  return rest;
}

function typeMatcher(type: string) {
  return (resourceClass: { new (...rest: any[]): unknown }) => (resourceClass as unknown as { __pulumiType?: string }).__pulumiType === type;
}

function optionsOf(resource: CheckedResource): ResourceOptions {
  return {
    protect: resource.options.protect,
    // Always present offline: a list that does not record it has not shown the resource is retained.
    retainOnDelete: resource.options.retainOnDelete ?? null,
    ignoreChanges: [...resource.options.ignoreChanges],
    deleteBeforeReplace: resource.options.deleteBeforeReplace,
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(resource.parent ? { parent: resource.parent } : {}),
  };
}

/**
 * A resource's explicit provider as the engine hands it to policies: the provider
 * resource the stack registered, with its inputs. For the default provider the
 * engine passes its own, configured outside the program; offline it is left out,
 * so a policy knows such a resource's subscription only from its id.
 */
function providerOf(resource: CheckedResource, byUrn: ReadonlyMap<string, CheckedResource>): PolicyProviderResource | undefined {
  const provider = resource.provider;
  if (!provider) return undefined;
  const declared = byUrn.get(provider.urn);
  return {
    type: declared?.type ?? provider.urn.split("::")[2]?.split("$").pop() ?? "pulumi:providers:azure-native",
    name: provider.name,
    urn: provider.urn,
    props: { ...(declared?.inputs ?? {}), ...(provider.subscriptionId ? { subscriptionId: provider.subscriptionId } : {}) },
  };
}

/**
 * What the engine hands stack policies: every resource with its outputs (here:
 * the inputs plus the id, which is what a mocked resource's outputs are) and
 * the stack resource carrying the stack outputs.
 */
function stackResources(stack: CheckedStack): PolicyResource[] {
  const stackUrn = `urn:pulumi:${stack.stack}::${PROJECT}::${STACK_TYPE}::${PROJECT}-${stack.stack}`;
  const all: PolicyResource[] = [
    ...stack.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: r.custom && r.id ? { ...r.inputs, id: r.id } : { ...r.inputs }, opts: optionsOf(r) })),
    { urn: stackUrn, type: STACK_TYPE, name: `${PROJECT}-${stack.stack}`, props: { ...stack.outputs }, opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] } },
  ].map((r) => ({
    ...r,
    dependencies: [],
    propertyDependencies: {},
    isType: typeMatcher(r.type),
    asType: ((cls: { new (...rest: any[]): unknown }) => (typeMatcher(r.type)(cls) ? r.props : undefined)) as PolicyResource["asType"],
  }));
  const byUrn = new Map(all.map((r) => [r.urn, r]));
  const capturedByUrn = new Map(stack.resources.map((r) => [r.urn, r]));
  for (const captured of stack.resources) {
    const resource = byUrn.get(captured.urn)!;
    const provider = providerOf(captured, capturedByUrn);
    if (provider) resource.provider = provider;
    resource.dependencies = captured.options.dependsOn.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
    if (captured.parent && byUrn.has(captured.parent)) resource.parent = byUrn.get(captured.parent);
  }
  return all;
}

const throwNotApplicable = (): never => {
  throw NOT_APPLICABLE;
};

export async function checkStack(stack: CheckedStack, options: RunOptions): Promise<PolicyReport> {
  const violations: Violation[] = [];
  const waived: WaivedViolation[] = [];
  const file = options.env.stackFile(stack.stack);
  const names = new Map(stack.resources.map((r) => [r.urn, r.name]));
  const active = options.policies.filter((p) => enforcementOf(p, options.config) !== "disabled");

  const record = (policy: GrunnmurPolicy, message: string, urn?: string) => {
    const violation: Violation = {
      policy: policy.name,
      rule: ruleIdOf(policy),
      enforcement: enforcementOf(policy, options.config) === "mandatory" ? "mandatory" : "advisory",
      resource: urn ? (names.get(urn) ?? urn) : stack.stack,
      ...(urn ? { urn } : {}),
      message,
    };
    const waiver = findWaiver(file, policy.name, urn ? { name: violation.resource, urn } : { name: stack.stack }, options.env.today);
    if (waiver && file) waived.push({ ...violation, waiver: { reason: waiver.reason, expires: waiver.expires, file: file.file } });
    else violations.push(violation);
  };
  const guarded = async (policy: GrunnmurPolicy, urn: string | undefined, run: () => void | Promise<void>) => {
    try {
      await run();
    } catch (err) {
      if (err instanceof NotApplicable) return;
      // A crashing policy must not pass silently: it counts as a mandatory finding.
      record({ ...policy, enforcementLevel: "mandatory" }, `the policy itself failed (${err instanceof Error ? err.message : String(err)}); this is a bug in policies/, report it to the regional IT team`, urn);
    }
  };

  const capturedByUrn = new Map(stack.resources.map((r) => [r.urn, r]));
  for (const resource of stack.resources.filter((r) => r.custom)) {
    const provider = providerOf(resource, capturedByUrn);
    for (const policy of active) {
      if (!("validateResource" in policy) || !policy.validateResource) continue;
      const args: ResourceValidationArgs = {
        type: resource.type,
        props: resource.inputs,
        urn: resource.urn,
        name: resource.name,
        opts: optionsOf(resource),
        ...(provider ? { provider } : {}),
        stackTags: new Map(),
        isType: typeMatcher(resource.type),
        asType: ((cls: { new (...rest: any[]): unknown }) => (typeMatcher(resource.type)(cls) ? resource.inputs : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => configOf(policy, options.config) as T,
        notApplicable: throwNotApplicable,
      };
      for (const validate of ([] as ResourceValidation[]).concat(policy.validateResource)) {
        await guarded(policy, resource.urn, () => validate(args, (message) => record(policy, message, resource.urn)));
      }
    }
  }

  const resources = stackResources(stack);
  for (const policy of active) {
    if (!("validateStack" in policy)) continue;
    const args: StackValidationArgs = {
      resources,
      stackTags: new Map(),
      getConfig: <T extends object>() => configOf(policy, options.config) as T,
      notApplicable: throwNotApplicable,
    };
    await guarded(policy, undefined, () => policy.validateStack(args, (message, urn) => record(policy, message, urn)));
  }

  const preflight = options.preflight ?? [];
  const ruleNames = new Map(preflight.map((r) => [r.id, r.name]));
  for (const f of runPreflight({ stack: stack.stack, resources: stack.resources }, preflight)) {
    violations.push({ policy: ruleNames.get(f.rule) ?? f.rule, rule: f.rule, enforcement: "mandatory", resource: f.resource, ...(f.urn ? { urn: f.urn } : {}), message: f.message });
  }

  const order = (v: Violation) => `${v.enforcement === "mandatory" ? 0 : 1} ${v.rule} ${v.policy} ${v.resource}`;
  violations.sort((a, b) => order(a).localeCompare(order(b)));
  waived.sort((a, b) => order(a).localeCompare(order(b)));
  return {
    violations,
    waived,
    summary: {
      mandatory: violations.filter((v) => v.enforcement === "mandatory").length,
      advisory: violations.filter((v) => v.enforcement === "advisory").length,
      waived: waived.length,
      policies: active.length,
      ...(options.preflight ? { preflightRules: preflight.length } : {}),
      resources: stack.resources.filter((r) => r.custom).length,
    },
  };
}
