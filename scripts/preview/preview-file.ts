/**
 * The preview file, out/preview/<stack>.json: what `grunnmur preview` writes for
 * each stack and the policy check, report and cost read. Its types, its schema
 * and the only code that reads or writes it live here, so the format has one
 * definition. `grunnmur check` also reads resource lists a reviewer wrote by
 * hand, in the same shape with Pulumi's defaults for what they leave out.
 *
 * The file starts with "formatVersion". A file without it was written before the
 * field existed and is read as version 1; a change that older readers would
 * misread raises PREVIEW_FORMAT_VERSION, and they then refuse the file instead.
 * Resources' "provider" was added within version 1: an older reader drops the
 * field unread and misreads nothing (its policies and report never looked at
 * providers), and a file without it reads here as "not recorded".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ZodError, ZodType } from "zod";
import { PROJECT } from "../../stacks/contract";
import { formatPath } from "../../tenants/validation/diagnostic";
import { errorMap } from "../../tenants/validation/schema-messages";
import type { Enforcement } from "../../policies/core/define";

export const PREVIEW_FORMAT_VERSION = 1;

export interface CapturedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** URNs this resource depends on, explicitly or through its inputs. */
  readonly dependsOn: string[];
  readonly ignoreChanges: string[];
  readonly replaceOnChanges: string[];
  readonly deleteBeforeReplace: boolean;
  /** Aliases other than azure-native's per-API-version type aliases. */
  readonly aliases: Array<Record<string, unknown>>;
}

/**
 * The explicit provider a resource is created through, and so the subscription
 * it lands in. Its URN names the provider resource in the same file (type
 * `pulumi:providers:azure-native`), whose inputs hold the rest of its settings.
 */
export interface CapturedProvider {
  readonly urn: string;
  /** The provider's logical name, e.g. "tenant-subscription". */
  readonly name: string;
  /** The subscription it deploys to; absent when it takes the deploying identity's default. */
  readonly subscriptionId?: string;
}

/** One registered resource, as scripts/preview/capture.ts records it. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string | null;
  /**
   * The explicit provider of a custom resource; null for the engine's default
   * provider (the deploying identity's subscription), and for components and
   * providers, which have none. Absent in files written before it was recorded.
   */
  readonly provider?: CapturedProvider | null;
  readonly id: string | null;
  /** The inputs, with every secret replaced by "[secret]". */
  readonly inputs: Record<string, unknown>;
  readonly options: CapturedOptions;
}

export interface PreviewScope {
  /** The tenants previewed. */
  readonly tenants: readonly string[];
  /** Every tenant of the region then: one missing from `tenants` was not previewed, not removed. */
  readonly regionTenants: readonly string[];
  /**
   * The platform's scope only: every hub stack of the region then. A scoped preview
   * runs only the hub stacks of its tenants; another missing from it was not
   * previewed, not removed.
   */
  readonly hubStacks?: readonly string[];
}

/** The policy check's report, which it adds to the file (scripts/check/check-file.ts). */
/** One finding of the policy check, as the "policy" section records it. */
export interface Violation {
  readonly policy: string;
  /** The baseline rule, e.g. "ST-03". */
  readonly rule: string;
  readonly enforcement: Enforcement;
  /** Logical name of the resource; the stack's name for findings about the stack as a whole. */
  readonly resource: string;
  readonly urn?: string;
  readonly message: string;
}

export interface WaivedViolation extends Violation {
  readonly waiver: { readonly reason: string; readonly expires: string; readonly file: string };
}

export interface PolicySummary {
  readonly mandatory: number;
  readonly advisory: number;
  readonly waived: number;
  readonly policies: number;
  /** How many preflight rules (domain/preflight/) ran; absent in reports from before they did. */
  readonly preflightRules?: number;
  readonly resources: number;
}

export interface PolicyReport {
  readonly violations: Violation[];
  readonly waived: WaivedViolation[];
  readonly summary: PolicySummary;
}

export interface PolicySection extends PolicyReport {
  readonly pack: string;
  /** The date waivers and restore tests were judged against. */
  readonly checkedOn: string;
}

/** One stack's preview file, without its formatVersion (the writer adds it, the reader checks it). */
export interface StackPreview {
  readonly stack: string;
  readonly generatedBy: string;
  readonly resources: readonly CapturedResource[];
  readonly outputs: Record<string, unknown>;
  /**
   * Present on a platform preview of some tenants only (grunnmur preview --only or
   * --changed-since): it holds the shared core and these tenants' attachments.
   */
  readonly scope?: PreviewScope;
  /** Present once the policy check has run over the file. */
  readonly policy?: PolicySection;
}

/** A resource as `grunnmur check` takes it; retainOnDelete may be unknown in a hand-written list. */
export type CheckedResource = Omit<CapturedResource, "options"> & {
  readonly options: Omit<CapturedOptions, "retainOnDelete"> & { readonly retainOnDelete?: boolean };
};

/** What the policy check reads of a stack: a preview file, or a list written by hand. */
export interface CheckedStack {
  readonly stack: string;
  readonly resources: readonly CheckedResource[];
  readonly outputs: Record<string, unknown>;
}

export type PreviewFileRead = { ok: true; preview: StackPreview } | { ok: false; problems: string[] };
export type ResourceListRead = { ok: true; stack: CheckedStack } | { ok: false; problems: string[] };

/**
 * The schemas, built on first read: preview workers only write these files, and
 * loading zod would add about 0.1 s to every worker's start (docs/performance.md).
 */
function buildSchemas() {
  const { z } = require("zod") as typeof import("zod");

  // Fields both shapes share, with the messages a reviewer editing a file by hand reads.
  const stackName = z.string().min(1, { error: "must name the stack: platform or a tenant slug" });
  const urn = z.string().startsWith("urn:pulumi:", { error: 'must be a Pulumi URN ("urn:pulumi:<stack>::<project>::<type>::<name>"), or be left out' });
  // The last part may hold a hyphen: an explicit provider's type is "pulumi:providers:azure-native".
  const type = z.string().regex(/^[\w-]+:[\w/.-]*:[\w-]+$/, { error: 'must be a Pulumi type token like "azure-native:storage:StorageAccount"' });
  const name = z.string().min(1, { error: "must be the resource's logical name" });
  const values = z.record(z.string(), z.unknown());
  const urns = z.array(z.string());
  const aliases = z.array(values);
  const provider = z
    .object({ urn: z.string().startsWith("urn:pulumi:", { error: "must be the provider resource's URN" }), name: z.string().min(1, { error: "must be the provider's logical name" }), subscriptionId: z.string().optional() })
    .nullable();

  const optionsSchema = z.object({
    protect: z.boolean(),
    retainOnDelete: z.boolean(),
    dependsOn: urns,
    ignoreChanges: z.array(z.string()),
    replaceOnChanges: z.array(z.string()),
    deleteBeforeReplace: z.boolean(),
    aliases,
  });

  const resourceSchema = z.object({
    urn,
    type,
    name,
    custom: z.boolean(),
    parent: z.string().nullable(),
    provider: provider.optional(),
    id: z.string().nullable(),
    inputs: values,
    options: optionsSchema,
  });

  const scopeSchema = z.object({ tenants: z.array(z.string()), regionTenants: z.array(z.string()), hubStacks: z.array(z.string()).optional() });

  const violationSchema = z.object({
    policy: z.string(),
    rule: z.string(),
    enforcement: z.enum(["mandatory", "advisory"]),
    resource: z.string(),
    urn: z.string().optional(),
    message: z.string(),
  });

  const policySchema = z.object({
    pack: z.string(),
    checkedOn: z.string(),
    violations: z.array(violationSchema),
    waived: z.array(violationSchema.extend({ waiver: z.object({ reason: z.string(), expires: z.string(), file: z.string() }) })),
    summary: z.object({ mandatory: z.number(), advisory: z.number(), waived: z.number(), policies: z.number(), preflightRules: z.number().optional(), resources: z.number() }),
  });

  // Keys in the order the preview writes them: a file read and written again keeps its bytes.
  // The annotation holds the schema to the types above.
  const previewSchema: ZodType<StackPreview> = z.object({
    stack: stackName,
    generatedBy: z.string(),
    resources: z.array(resourceSchema),
    outputs: values,
    scope: scopeSchema.optional(),
    policy: policySchema.optional(),
  });

  // A hand-written list: the same fields, and what it leaves out gets Pulumi's defaults.
  const listedOptionsSchema = z
    .object({
      protect: z.boolean().default(false),
      // Left out of a hand-written resource it stays unknown, as it is to the engine.
      retainOnDelete: z.boolean().optional(),
      dependsOn: urns.default([]),
      ignoreChanges: z.array(z.string()).default([]),
      replaceOnChanges: z.array(z.string()).default([]),
      deleteBeforeReplace: z.boolean().default(false),
      aliases: aliases.default([]),
    })
    .default({ protect: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] });

  const resourceListSchema = z.object({
    stack: stackName,
    resources: z.array(
      z.object({
        urn: urn.optional(),
        type,
        name,
        custom: z.boolean().default(true),
        parent: z.string().nullable().default(null),
        provider: provider.default(null),
        id: z.string().nullable().default(null),
        inputs: values.default({}),
        options: listedOptionsSchema,
      }),
    ),
    outputs: values.default({}),
  });

  return { preview: previewSchema, resourceList: resourceListSchema };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;
const schemasOnce = () => (schemas ??= buildSchemas());

const HINT_PREVIEW = 'run "grunnmur preview" again to write it';
const HINT_LIST = 'write it in the shape "grunnmur preview" writes to out/preview/<stack>.json';

/** The file's JSON, once its version is one this code reads; problems name the file. */
function parseVersioned(text: string, file: string, hint: string): { ok: true; data: unknown } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`${file}: not valid JSON (${(err as Error).message}); ${hint}`] };
  }
  if (data && typeof data === "object" && !Array.isArray(data) && "formatVersion" in data) {
    const { formatVersion, ...rest } = data as Record<string, unknown>;
    if (typeof formatVersion !== "number") {
      return { ok: false, problems: [`${file} formatVersion: must be a number (this grunnmur reads ${PREVIEW_FORMAT_VERSION}), found ${JSON.stringify(formatVersion)}`] };
    }
    if (formatVersion !== PREVIEW_FORMAT_VERSION) {
      return { ok: false, problems: [`${file}: formatVersion ${formatVersion} is not supported by this grunnmur (it reads ${PREVIEW_FORMAT_VERSION}); preview again with this version`] };
    }
    data = rest;
  }
  return { ok: true, data };
}

function shapeProblems(file: string, error: ZodError): string[] {
  return error.issues.map((issue) => {
    const where = formatPath(issue.path.filter((p): p is string | number => typeof p !== "symbol"));
    return `${file}${where ? ` ${where}` : ""}: ${issue.message}`;
  });
}

/** Reads a preview file's text; `file` names it in the problems. */
export function parsePreviewFile(text: string, file: string): PreviewFileRead {
  const versioned = parseVersioned(text, file, HINT_PREVIEW);
  if (!versioned.ok) return versioned;
  const parsed = schemasOnce().preview.safeParse(versioned.data, { error: errorMap });
  if (!parsed.success) return { ok: false, problems: shapeProblems(file, parsed.error) };
  return { ok: true, preview: parsed.data };
}

export function readPreviewFile(file: string): PreviewFileRead {
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file}: no such file; ${HINT_PREVIEW}`] };
  return parsePreviewFile(fs.readFileSync(file, "utf8"), file);
}

/** The file's text: formatVersion first, then the preview, as 2-space JSON and a newline. */
export function previewFileText(preview: StackPreview): string {
  return `${JSON.stringify({ formatVersion: PREVIEW_FORMAT_VERSION, ...preview }, null, 2)}\n`;
}

export function writePreviewFile(file: string, preview: StackPreview): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, previewFileText(preview));
}

/** Reads a resource list for the policy check: a preview file, or one written by hand. */
export function parseResourceList(text: string, file: string): ResourceListRead {
  const versioned = parseVersioned(text, file, HINT_LIST);
  if (!versioned.ok) return versioned;
  const parsed = schemasOnce().resourceList.safeParse(versioned.data, { error: errorMap });
  if (!parsed.success) return { ok: false, problems: shapeProblems(file, parsed.error) };
  const { stack, outputs } = parsed.data;
  const resources = parsed.data.resources.map((r) => ({ ...r, urn: r.urn ?? `urn:pulumi:${stack}::${PROJECT}::${r.type}::${r.name}` }));
  return { ok: true, stack: { stack, resources, outputs } };
}

export function readResourceList(file: string): ResourceListRead {
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file}: no such file; pass --resources with a stack JSON, e.g. out/preview/<stack>.json`] };
  return parseResourceList(fs.readFileSync(file, "utf8"), file);
}
