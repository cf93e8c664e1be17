/**
 * Reading a stack's resource list from JSON: the file `grunnmur preview`
 * writes, or one a reviewer wrote or edited by hand. Options and URNs may be
 * left out of hand-written resources; they get Pulumi's defaults.
 */
import * as fs from "node:fs";
import { z } from "zod";
import { formatPath } from "../../tenants/validation/diagnostic";
import { PROJECT } from "../../stacks/inputs";
import type { CheckedStack } from "./run-policies";

const options = z
  .object({
    protect: z.boolean().default(false),
    // Left out of a hand-written resource it stays unknown, as it is to the engine.
    retainOnDelete: z.boolean().optional(),
    dependsOn: z.array(z.string()).default([]),
    ignoreChanges: z.array(z.string()).default([]),
    replaceOnChanges: z.array(z.string()).default([]),
    deleteBeforeReplace: z.boolean().default(false),
    aliases: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .default({ protect: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] });

const resource = z.object({
  urn: z.string().startsWith("urn:pulumi:", { error: 'must be a Pulumi URN ("urn:pulumi:<stack>::<project>::<type>::<name>"), or be left out' }).optional(),
  type: z.string().regex(/^[\w-]+:[\w/.-]*:[\w]+$/, { error: 'must be a Pulumi type token like "azure-native:storage:StorageAccount"' }),
  name: z.string().min(1, { error: "must be the resource's logical name" }),
  custom: z.boolean().default(true),
  parent: z.string().nullable().default(null),
  id: z.string().nullable().default(null),
  inputs: z.record(z.string(), z.unknown()).default({}),
  options,
});

const stackFile = z.object({
  stack: z.string().min(1, { error: "must name the stack: platform or a tenant slug" }),
  resources: z.array(resource),
  outputs: z.record(z.string(), z.unknown()).default({}),
});

export type ReadResult = { ok: true; stack: CheckedStack } | { ok: false; problems: string[] };

export function parseStackJson(text: string, file: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`${file}: not valid JSON (${(err as Error).message}); write it in the shape "grunnmur preview" writes to out/preview/<stack>.json`] };
  }
  const parsed = stackFile.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const where = formatPath(issue.path.filter((p): p is string | number => typeof p !== "symbol"));
        return `${file}${where ? ` ${where}` : ""}: ${issue.message}`;
      }),
    };
  }
  const { stack, outputs } = parsed.data;
  const resources = parsed.data.resources.map((r) => ({ ...r, urn: r.urn ?? `urn:pulumi:${stack}::${PROJECT}::${r.type}::${r.name}` }));
  return { ok: true, stack: { stack, resources, outputs } };
}

export function readStackFile(file: string): ReadResult {
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file}: no such file; pass --resources with a stack JSON, e.g. out/preview/<stack>.json`] };
  return parseStackJson(fs.readFileSync(file, "utf8"), file);
}
