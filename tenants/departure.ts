/**
 * A tenant's departure as the files decide it: the municipality asks in its
 * tenant file (`offboarding.leaving`), the platform team approves in
 * platform.yaml (`offboarding.<slug>`). Types only in its imports, so the tenant
 * program reads it without loading the validation (and its YAML parser) in
 * every preview worker; the rules about it are validation/offboarding-rules.ts.
 */
import type { PlatformFile } from "./schema/platform";
import type { TenantFile } from "./schema/tenant";

export interface ApprovedDeparture {
  readonly since: string;
  readonly reason: string;
  readonly dataExportedTo?: string;
  /** The day the platform team approved it, and who did. */
  readonly approved: string;
  readonly approvedBy: string;
}

/** The tenant's departure when it asks to leave and the platform team has approved it; otherwise undefined. */
export function approvedDeparture(platform: PlatformFile, tenant: TenantFile): ApprovedDeparture | undefined {
  const request = tenant.offboarding;
  const approval = platform.offboarding[tenant.slug];
  if (request?.leaving !== true || !approval) return undefined;
  return { since: request.since, reason: request.reason, dataExportedTo: request.dataExportedTo, approved: approval.approved, approvedBy: approval.by };
}
