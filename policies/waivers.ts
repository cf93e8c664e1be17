/**
 * Waivers: a tenant or platform file may exempt one named resource from one
 * named policy, with a reason and an expiry date. A waiver is reviewed like
 * any change to the file; an expired waiver waives nothing and fails the check.
 */
import type { ReportViolation, ResourceValidation, StackValidationPolicy } from "@pulumi/policy";
import type { Waiver } from "../tenants/schema/fields";
import { nameOfUrn, stackOfUrn, stackPolicy, type GrunnmurPolicy } from "./core/define";
import type { PolicyEnvironment, StackFile } from "./core/environment";

export function isExpired(waiver: Waiver, today: string): boolean {
  // ISO dates compare as text; a waiver is valid through its expiry day.
  return waiver.expires < today;
}

/** The waiver that exempts `resource` (logical name or URN) from `policy` today, if any. */
export function findWaiver(file: StackFile | undefined, policy: string, resource: { readonly name?: string; readonly urn?: string }, today: string): Waiver | undefined {
  return file?.waivers.find(
    (w) => w.policy === policy && !isExpired(w, today) && ((resource.name !== undefined && w.resource === resource.name) || (resource.urn !== undefined && w.resource === resource.urn)),
  );
}

export const waiversNotExpired = (env: PolicyEnvironment): StackValidationPolicy =>
  stackPolicy(
    {
      id: "WV-01",
      name: "waiver-not-expired",
      source: "grunnmur waiver review",
      title: "Every waiver in the stack's file is still in force; an expired one must be renewed in review or removed.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ stack }, report) => {
      const file = env.stackFile(stack);
      file?.waivers.forEach((w, i) => {
        if (isExpired(w, env.today)) {
          report(
            `${file.file}: waivers[${i}] (${w.policy} on ${w.resource}) expired on ${w.expires}; fix ${w.resource} so the policy passes, or renew the waiver with a current reason and a new expires date in a reviewed change`,
          );
        }
      });
    },
  );

/**
 * The policies as `pulumi preview --policy-pack` runs them: a waived violation
 * is not reported. (The offline runner reports waived violations separately
 * instead, with their reasons.)
 */
export function withWaivers(policies: readonly GrunnmurPolicy[], env: PolicyEnvironment): GrunnmurPolicy[] {
  const waived = (policy: string, stack: string, resource: { name?: string; urn?: string }) => findWaiver(env.stackFile(stack), policy, resource, env.today) !== undefined;
  return policies.map((policy) => {
    if ("validateStack" in policy) {
      return {
        ...policy,
        validateStack: (args, report) =>
          policy.validateStack(args, (message, urn) => {
            const stack = args.resources.length ? stackOfUrn(args.resources[0].urn) : "";
            if (!waived(policy.name, stack, urn ? { name: nameOfUrn(urn), urn } : { name: stack })) report(message, urn);
          }),
      };
    }
    const validations = ([] as ResourceValidation[]).concat(policy.validateResource ?? []);
    return {
      ...policy,
      validateResource: validations.map(
        (validate): ResourceValidation =>
          (args, report: ReportViolation) =>
            validate(args, (message, urn) => {
              if (!waived(policy.name, stackOfUrn(args.urn), { name: args.name, urn: args.urn })) report(message, urn);
            }),
      ),
    };
  });
}
