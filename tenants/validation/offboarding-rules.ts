/**
 * Leaving the shared platform cannot be self-served. A tenant file's
 * `offboarding.leaving` mark is the municipality's request; it takes effect
 * only when the platform team approves it under `offboarding.<slug>` in
 * platform.yaml, a file only that team may change (.github/CODEOWNERS). Until
 * then validation rejects the mark, so no stack is ever treated as leaving on
 * the tenant's word alone.
 */
import type { PlatformFile } from "../schema/platform";
import type { TenantFile } from "../schema/tenant";
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic } from "./diagnostic";
import { approvedDeparture } from "../departure";
import { diagnosticAt } from "./yaml-source";

export function checkOffboarding(platform: PlatformInput, tenants: readonly TenantInput[], today: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const platformFile = platform.source.file;
  for (const { source, spec } of tenants) {
    if (spec.offboarding && !platform.spec.offboarding[spec.slug]) {
      out.push(
        diagnosticAt(
          source,
          ["offboarding", "leaving"],
          `marks ${spec.slug} as leaving, but ${platformFile} has no offboarding.${spec.slug} approval; a departure takes effect only when the platform team approves it there (offboarding: { ${spec.slug}: { approved: YYYY-MM-DD, by: <name> } }), so ask them or remove the offboarding section`,
        ),
      );
    }
  }
  for (const [slug, approval] of Object.entries(platform.spec.offboarding)) {
    if (approval.approved > today) {
      out.push(diagnosticAt(platform.source, ["offboarding", slug, "approved"], `${approval.approved} is in the future (today is ${today}); write the day the platform team approved the departure`));
    }
    const tenant = tenants.find((t) => t.spec.slug === slug);
    if (tenant && !tenant.spec.offboarding) {
      out.push(
        diagnosticAt(
          platform.source,
          ["offboarding", slug],
          `approves the departure of ${slug}, but ${tenant.source.file} does not ask to leave; remove the approval, or add offboarding: { leaving: true, since, reason } to the tenant file`,
          "key",
        ),
      );
    }
  }
  return out;
}
