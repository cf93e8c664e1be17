/**
 * The two shapes every grunnmur policy is built from. Each returns a plain
 * @pulumi/policy object, so the same objects run inside `pulumi preview
 * --policy-pack policies` and in the offline runner (policies/offline/).
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { hubKeyOfStack, PLATFORM_STACK } from "../../stacks/contract";
import { describeResource } from "./messages";

export type Enforcement = "mandatory" | "advisory";
export type ConfigValue = number | string | boolean | readonly string[];

export interface ConfigField<T extends ConfigValue> {
  readonly default: T;
  readonly description: string;
  readonly minimum?: number;
}

export interface RuleMeta<C extends Record<string, ConfigValue>> {
  /** The rule's id in shared/reference/security-baseline.md, e.g. "ST-03". */
  readonly id: string;
  /** Stable policy name; waivers and --policy-pack-config refer to it. */
  readonly name: string;
  /** Where the rule comes from, e.g. "CIS 9.3.8; NSM 2.5.2". */
  readonly source: string;
  /** What the rule guarantees, in one sentence. */
  readonly title: string;
  /** Mandatory for rules that protect data or isolation; advisory otherwise. */
  readonly enforcementLevel: Enforcement;
  /** Settings a host may reasonably change, with safe defaults. */
  readonly config?: { readonly [K in keyof C]: ConfigField<C[K]> };
}

export type GrunnmurPolicy = ResourceValidationPolicy | StackValidationPolicy;

/**
 * Options as policies see them. The offline runner also passes retainOnDelete
 * (null when a hand-written resource list does not say); the engine does not
 * pass it at all (undefined).
 */
export type ResourceOptions = PolicyResourceOptions & { readonly retainOnDelete?: boolean | null };

/** The platform's stack, a hub's stack (hub-<key>, the platform's side too) or a tenant's. */
export type StackKind = "platform" | "hub" | "tenant";

export interface ResourceView<P> {
  readonly type: string;
  /** Logical (Pulumi) name. */
  readonly name: string;
  readonly urn: string;
  readonly stack: string;
  readonly stackKind: StackKind;
  readonly props: P;
  readonly opts: ResourceOptions;
  /** "storage account stsenja": kind and Azure name, how messages start. */
  readonly label: string;
}

export interface StackView {
  readonly stack: string;
  readonly kind: StackKind;
  readonly resources: readonly PolicyResource[];
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → stack. */
export function stackOfUrn(urn: string): string {
  return urn.replace(/^urn:pulumi:/, "").split("::")[0];
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → logical name. */
export function nameOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 1];
}

export function stackKindOf(stack: string): StackKind {
  if (stack === PLATFORM_STACK) return "platform";
  return hubKeyOfStack(stack) !== undefined ? "hub" : "tenant";
}

/** The baseline id a policy was made from (kept as its first tag). */
export function ruleIdOf(policy: GrunnmurPolicy): string {
  return policy.tags?.[0] ?? "";
}

function common<C extends Record<string, ConfigValue>>(meta: RuleMeta<C>) {
  const fields = Object.entries(meta.config ?? {}) as Array<[string, ConfigField<ConfigValue>]>;
  const configSchema: PolicyConfigSchema | undefined = fields.length
    ? {
        properties: Object.fromEntries(
          fields.map(([key, field]) => [
            key,
            {
              type: Array.isArray(field.default) ? "array" : Number.isInteger(field.default) ? "integer" : (typeof field.default as "string"),
              default: field.default,
              description: field.description,
              ...(field.minimum !== undefined ? { minimum: field.minimum } : {}),
              ...(Array.isArray(field.default) ? { items: { type: "string" } } : {}),
            },
          ]),
        ),
      }
    : undefined;
  const defaults = Object.fromEntries(fields.map(([key, field]) => [key, field.default])) as unknown as C;
  return {
    policy: {
      name: meta.name,
      description: `${meta.id} (${meta.source}): ${meta.title}`,
      enforcementLevel: meta.enforcementLevel,
      severity: meta.enforcementLevel === "mandatory" ? ("high" as const) : ("low" as const),
      tags: [meta.id],
      ...(configSchema ? { configSchema } : {}),
    },
    // Pulumi passes only what the user configured; defaults are applied here.
    config: (given: object): C => ({ ...defaults, ...(given as Partial<C>) }),
  };
}

/** Azure resources only: not Pulumi's own (stack, providers, components of ours). */
export function isAzureType(type: string): boolean {
  return type.startsWith("azure-native:") || type.startsWith("azuread:");
}

/** A policy over single resources of the given azure-native/azuread types (or those `types` accepts). */
export function resourcePolicy<P, C extends Record<string, ConfigValue> = Record<string, never>>(
  meta: RuleMeta<C>,
  types: readonly string[] | ((type: string) => boolean),
  check: (resource: ResourceView<P>, report: (message: string) => void, config: C) => void,
): ResourceValidationPolicy {
  const { policy, config } = common(meta);
  const applies = typeof types === "function" ? types : (type: string) => types.includes(type);
  const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!applies(args.type)) args.notApplicable(`${meta.name} does not check ${args.type}`);
    const stack = stackOfUrn(args.urn);
    const props = args.props as Record<string, unknown>;
    const view: ResourceView<P> = {
      type: args.type,
      name: args.name,
      urn: args.urn,
      stack,
      stackKind: stackKindOf(stack),
      props: props as P,
      opts: args.opts,
      label: describeResource(args.type, props, args.name),
    };
    check(view, (message) => reportViolation(message), config(args.getConfig()));
  };
  // @pulumi/policy skips other types without a call when the validation names its one type.
  if (Array.isArray(types) && types.length === 1) Object.assign(validate, { __pulumiType: types[0] });
  return { ...policy, validateResource: validate };
}

/** `resourcePolicy` for one type with its props type fixed, for a domain's repeated rules. */
export function policiesOfType<P>(type: string) {
  return <C extends Record<string, ConfigValue> = Record<string, never>>(
    meta: RuleMeta<C>,
    check: (resource: ResourceView<P>, report: (message: string) => void, config: C) => void,
  ) => resourcePolicy<P, C>(meta, [type], check);
}

/** A policy over the whole stack, for what one resource cannot show. */
export function stackPolicy<C extends Record<string, ConfigValue> = Record<string, never>>(
  meta: RuleMeta<C>,
  appliesTo: StackKind | readonly StackKind[] | "any",
  check: (stack: StackView, report: ReportViolation, config: C) => void,
): StackValidationPolicy {
  const { policy, config } = common(meta);
  return {
    ...policy,
    validateStack: (args, reportViolation) => {
      const stack = args.resources.length > 0 ? stackOfUrn(args.resources[0].urn) : "";
      const kind = stackKindOf(stack);
      const kinds: readonly StackKind[] | undefined = appliesTo === "any" ? undefined : typeof appliesTo === "string" ? [appliesTo] : appliesTo;
      if (kinds && !kinds.includes(kind)) args.notApplicable(`${meta.name} applies to ${kinds.join(" and ")} stacks only`);
      check({ stack, kind, resources: args.resources }, reportViolation, config(args.getConfig()));
    },
  };
}
