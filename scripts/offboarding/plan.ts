/**
 * The plan `grunnmur offboard <slug>` prints and runs: whether the departure
 * may go ahead (the files), whether the stack can be destroyed without losing
 * data or stopping halfway (the preview, through domain/azure/retention.ts),
 * what stays in Azure and what goes, and the Pulumi commands, in order.
 *
 * The commands unprotect the whole stack (`pulumi state unprotect --all`)
 * rather than URNs computed from the preview: the offline engine's URNs of
 * nested components differ from the real engine's, and the check below has
 * already shown that every protected resource is also retained, so nothing
 * protected is deleted in Azure. `pulumi destroy --exclude-protected` would not
 * do: it leaves the protected resources and everything they depend on in the
 * stack (pulumi/pulumi pkg/cmd/pulumi/operations/destroy.go,
 * getProtectedExcludes), so the stack could never be emptied, while the
 * children of the storage account would still be deleted, which its lock refuses.
 */
import * as path from "node:path";
import { isWithin, parseArmId } from "../../domain/azure/arm-id";
import { LOCK_TYPES } from "../../domain/azure/locks";
import { destroyHazards, retained, type DestroyHazard, type DestroySubject } from "../../domain/azure/retention";
import { OUTPUT } from "../../stacks/contract";
import type { Region } from "../../tenants/region";
import type { CapturedResource, StackPreview } from "../preview/preview-file";

/** A reason not to go ahead, on the file and field that would have to change. */
export interface OffboardProblem {
  readonly file: string;
  readonly field: string;
  readonly message: string;
}

export const formatProblem = (p: OffboardProblem): string => `${p.file} ${p.field}: ${p.message}`;

/**
 * Why `slug` may not be offboarded yet according to the files: the same
 * conditions under which the pull-request report lets a tenant's data-holding
 * resources go (scripts/report/offboarding-guard.ts): the municipality asks to
 * leave, the platform team approved it, its data was exported, its date has come.
 */
export function departureProblems(region: Region, slug: string, today: string, tenantsDir: string): OffboardProblem[] {
  const tenant = region.tenants.find((t) => t.spec.slug === slug);
  if (!tenant) {
    const others = region.tenants.map((t) => t.spec.slug).join(", ") || "none";
    return [{ file: path.join(tenantsDir, `${slug}.yaml`), field: "(file)", message: `does not exist, so "${slug}" is no tenant of this region (tenants: ${others})` }];
  }
  const request = tenant.spec.offboarding;
  if (!request) {
    return [
      {
        file: tenant.file,
        field: "offboarding.leaving",
        message: `is not set: ${slug} has not asked to leave; add offboarding: { leaving: true, since: <date>, reason: ... } and have the platform team approve it in ${region.platformFile}`,
      },
    ];
  }
  const out: OffboardProblem[] = [];
  if (!region.platform.offboarding[slug]) {
    out.push({
      file: region.platformFile,
      field: `offboarding.${slug}`,
      message: `is not set: the platform team has not approved the departure; add offboarding: { ${slug}: { approved: <date>, by: <name> } }`,
    });
  }
  if (!request.dataExportedTo) {
    out.push({
      file: tenant.file,
      field: "offboarding.dataExportedTo",
      message: "is not set; export the municipality's files (AzCopy or robocopy), record where they went, and merge that first",
    });
  }
  if (request.since > today) {
    out.push({ file: tenant.file, field: "offboarding.since", message: `is ${request.since}, after today (${today}); offboard on or after that day` });
  }
  return out;
}

/** A captured resource as the destroy rules see it. */
export function destroySubjectOf(r: CapturedResource): DestroySubject {
  const inputs = r.inputs as Record<string, any>;
  const subject = { urn: r.urn, type: r.type, id: r.id ?? undefined, protect: r.options.protect, retainOnDelete: r.options.retainOnDelete };
  if (LOCK_TYPES.includes(r.type)) {
    return { ...subject, lock: { scope: typeof inputs.scope === "string" ? inputs.scope : undefined, level: typeof inputs.level === "string" ? inputs.level : undefined } };
  }
  if (r.type === "azure-native:network:PrivateEndpoint") {
    const connections: Array<Record<string, unknown>> = Array.isArray(inputs.privateLinkServiceConnections) ? inputs.privateLinkServiceConnections : [];
    return {
      ...subject,
      connectsTo: connections.flatMap((c) => (typeof c.privateLinkServiceId === "string" ? [c.privateLinkServiceId] : [])),
      subnetId: typeof inputs.subnet?.id === "string" ? inputs.subnet.id : undefined,
    };
  }
  return subject;
}

/** The resources of a stack that exist in Azure or Entra ID: no components, providers or stack references. */
export function cloudResources(preview: StackPreview): CapturedResource[] {
  return preview.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
}

/** Why the stack in `preview` cannot be destroyed safely yet, on the preview file's fields. */
export function previewProblems(preview: StackPreview, file: string, slug: string): OffboardProblem[] {
  if (preview.stack !== slug) return [{ file, field: "stack", message: `is "${preview.stack}", not "${slug}"; give the preview of ${slug}'s stack` }];
  const out: OffboardProblem[] = [];
  if (preview.outputs?.[OUTPUT.leaving] !== true) {
    out.push({
      file,
      field: `outputs.${OUTPUT.leaving}`,
      message: `is not true: this preview was made before the departure was approved, and its stack does not yet keep its network; run "npx grunnmur preview --only ${slug}" again`,
    });
  }
  const resources = cloudResources(preview);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const name = (s: DestroySubject) => byUrn.get(s.urn)?.name ?? s.urn;
  for (const h of destroyHazards(resources.map(destroySubjectOf))) out.push(hazardProblem(h, file, name));
  return out;
}

function hazardProblem(h: DestroyHazard, file: string, name: (s: DestroySubject) => string): OffboardProblem {
  switch (h.kind) {
    case "protected-not-retained":
      return {
        file,
        field: `resources[${name(h.resource)}].options.retainOnDelete`,
        message: `is false although the resource is protected: once unprotected, "pulumi destroy" would delete it in Azure; set retainOnDelete: true in the code and deploy first`,
      };
    case "group-takes-retained":
      return {
        file,
        field: `resources[${name(h.group)}].options.retainOnDelete`,
        message: `is false, but the group holds ${name(h.resource)}, which is retained: azure-native deletes a resource group with everything in it`,
      };
    case "subnet-kept-busy":
      return {
        file,
        field: `resources[${name(h.network)}].options.retainOnDelete`,
        message: `is false, but the retained private endpoint ${name(h.endpoint)} stays in one of its subnets, so Azure would refuse to delete it and the destroy would stop halfway`,
      };
    case "deletes-under-lock":
      return {
        file,
        field: `resources[${name(h.resource)}].options.retainOnDelete`,
        message: `is false, but it lies below the lock ${name(h.lock)}, so Azure would refuse to delete it and the destroy would stop halfway`,
      };
  }
}

export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly id?: string;
}

export interface OffboardingPlan {
  readonly stack: string;
  /** Retained: the stack forgets them, Azure keeps them. */
  readonly kept: readonly PlannedResource[];
  /** Deleted in the platform's resource groups: the hub side of the peering, the DNS links. */
  readonly platformSide: readonly PlannedResource[];
  /** Deleted in Entra ID: the administrative unit, groups, guests, role assignments. */
  readonly entra: readonly PlannedResource[];
  /** Deleted in the municipality's own resource groups and subscription scope. */
  readonly own: readonly PlannedResource[];
  /** The commands to run, in order, each as its argv. */
  readonly commands: ReadonlyArray<readonly string[]>;
}

const planned = (r: CapturedResource): PlannedResource => ({ type: r.type.replace(/^azure-native:/, ""), name: r.name, id: r.id ?? undefined });

export function offboardingPlan(preview: StackPreview, stack: string): OffboardingPlan {
  const resources = cloudResources(preview);
  const ownGroups = resources.filter((r) => r.type === "azure-native:resources:ResourceGroup" && r.id).map((r) => r.id!);
  const kept: PlannedResource[] = [];
  const platformSide: PlannedResource[] = [];
  const entra: PlannedResource[] = [];
  const own: PlannedResource[] = [];
  for (const r of resources) {
    if (retained(destroySubjectOf(r))) kept.push(planned(r));
    else if (r.type.startsWith("azuread:")) entra.push(planned(r));
    else if (r.id && parseArmId(r.id)?.resourceGroup && !ownGroups.some((g) => isWithin(r.id!, g))) platformSide.push(planned(r));
    else own.push(planned(r));
  }
  return {
    stack,
    kept,
    platformSide,
    entra,
    own,
    commands: [
      // Records in the state what a leaving tenant keeps (its network is retained only once leaving).
      ["pulumi", "up", "--stack", stack, "--yes"],
      ["pulumi", "state", "unprotect", "--all", "--stack", stack, "--yes"],
      ["pulumi", "destroy", "--stack", stack, "--yes"],
    ],
  };
}

/** A command as a person would type it. */
export const commandLine = (argv: readonly string[]): string => argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");

function section(title: string, items: readonly PlannedResource[]): string[] {
  if (items.length === 0) return [];
  const typeWidth = Math.max(...items.map((i) => i.type.length));
  const nameWidth = Math.max(...items.map((i) => i.name.length));
  return [title, ...items.map((i) => `  ${i.type.padEnd(typeWidth)}  ${i.id ? `${i.name.padEnd(nameWidth)}  ${i.id}` : i.name}`), ""];
}

export function renderPlan(plan: OffboardingPlan, slug: string, previewFile: string): string {
  return [
    `Offboarding ${slug}: stack ${plan.stack}, as ${previewFile} shows it.`,
    "",
    ...section(
      `Kept in Azure (${plan.kept.length}; retained on delete, so the stack lets go of them; delete them by hand once the agreed retention has passed, their locks first):`,
      plan.kept,
    ),
    ...section(`Deleted on the platform's side (${plan.platformSide.length}; the hub's peering and the shared DNS links):`, plan.platformSide),
    ...section(`Deleted in Entra ID (${plan.entra.length}):`, plan.entra),
    ...section(`Deleted in ${slug}'s own resource groups and subscription (${plan.own.length}):`, plan.own),
    "Commands, in order:",
    ...plan.commands.map((c) => `  ${commandLine(c)}`),
  ].join("\n");
}

export function nextSteps(slug: string, tenantFile: string, platformFile: string, stack: string): string {
  return [
    `Next: remove ${tenantFile} and offboarding.${slug} in ${platformFile} in one pull request; its report lets ${slug}'s resources go`,
    `because main shows the approved departure. Until it is merged, do not run "pulumi up" on ${stack}: it would build the stack again.`,
    `Merging it updates its hub's stack (the platform's, or hub-<key>), which removes ${slug}'s firewall rules, VPN sites and routes. "pulumi stack rm ${stack}" removes the empty`,
    "stack and its history when they are no longer needed.",
  ].join("\n");
}
