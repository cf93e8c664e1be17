/**
 * Reads the platform file and every tenant file and validates them in layers
 * (YAML syntax, schema per file, rules per file, rules across files), gathering
 * every finding instead of stopping at the first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { platformSchema } from "../schema/platform";
import { tenantSchema } from "../schema/tenant";
import type { Region } from "../region";
import { type Diagnostic, sortDiagnostics } from "./diagnostic";
import { checkAgainstSchema } from "./schema-messages";
import { type AddressPlan, resolveAddressPlan } from "../resolve";
import type { PlatformInput, TenantInput } from "./checked-files";
import { checkPlatform, checkRegion } from "./region-rules";
import { checkRegionNames } from "./name-rules";
import { checkTenant } from "./tenant-rules";
import { checkWaiverPolicies } from "./waiver-rules";
import { diagnosticAt, parseYamlSource, withoutTree, type YamlSource } from "./yaml-source";
import { blameOrder, establishedFirst, type FileHistory } from "./file-age";
import { checkTenantDates, checkWaiverDates, localToday } from "./date-rules";
import { checkOffboarding } from "./offboarding-rules";
import { checkGithubTeams } from "./github-rules";
import { checkSubscriptions } from "./subscription-rules";
import { checkHubPins, checkHubs, checkSitesAgainstHubs } from "./hub-rules";
import { checkWorkloads, checkWorkloadSettings } from "./workload-rules";
import { checkSharedServiceSettings, checkSharedServiceSubscriptions } from "./shared-service-rules";
import { readYamlText, tenantEntry } from "./file-limits";
import { findPlaceholders, isWithin } from "./placeholder-values";

export interface RegionPaths {
  readonly tenantsDir: string;
  readonly platformFile: string;
}

export interface RegionRules {
  /** The policy pack's names: waivers must name one. Left out, waivers' policy names are not checked. */
  readonly policyNames?: readonly string[];
  /** How new each file is against the base branch (scripts/ci/file-history.ts): conflicts are reported on the newer file. Left out, all are equally old. */
  readonly history?: FileHistory;
  /** YYYY-MM-DD that dates in the files are judged against; defaults to today. */
  readonly today?: string;
}

export interface RegionLoad {
  /** Present only when there are no diagnostics. */
  readonly region?: Region;
  readonly diagnostics: Diagnostic[];
  /** Number of tenant files read. */
  readonly fileCount: number;
}

/** Path as shown to people: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

export function listTenantFiles(tenantsDir: string): { files: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!fs.existsSync(tenantsDir) || !fs.statSync(tenantsDir).isDirectory()) {
    return { files: [], diagnostics: [{ file: displayPath(tenantsDir), path: [], message: "is not a directory; pass --tenants DIR with the tenant files" }] };
  }
  const files: string[] = [];
  for (const entry of fs.readdirSync(tenantsDir).sort()) {
    const found = tenantEntry(tenantsDir, entry, displayPath);
    if (found && "file" in found) files.push(found.file);
    else if (found) diagnostics.push(found.problem);
  }
  return { files, diagnostics };
}

/** The file's YAML, or the diagnostics that say why it is not read; never an exception. */
function readSource(file: string): { source?: YamlSource; text?: string; diagnostics: Diagnostic[] } {
  const shown = displayPath(file);
  const text = readYamlText(file, shown);
  if (!text.ok) return { diagnostics: text.diagnostics };
  try {
    const source = parseYamlSource(shown, text.text);
    return { source, text: text.text, diagnostics: source.syntaxErrors };
  } catch (err) {
    return { diagnostics: [{ file: shown, path: [], message: `cannot be read as YAML: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

export function loadPlatform(platformFile: string, rules: RegionRules = {}): { platform?: PlatformInput; diagnostics: Diagnostic[] } {
  if (!fs.existsSync(platformFile)) {
    return { diagnostics: [{ file: displayPath(platformFile), path: [], message: "does not exist; pass --platform FILE with the host's platform file" }] };
  }
  const { source, diagnostics: unread } = readSource(platformFile);
  if (!source || unread.length > 0) return { diagnostics: unread };
  try {
    const parsed = checkAgainstSchema(platformSchema, source);
    if (!parsed.ok) return { diagnostics: parsed.diagnostics };
    const platform = { source, spec: parsed.value };
    const waivers = rules.policyNames ? checkWaiverPolicies(platform.spec.waivers, rules.policyNames) : [];
    const dates = checkWaiverDates(platform.spec.waivers, rules.today ?? localToday());
    return { platform, diagnostics: [...checkPlatform(platform), ...[...waivers, ...dates].map((f) => diagnosticAt(source, f.path, f.message, f.at))] };
  } catch (err) {
    return { diagnostics: [internalError(source.file, err)] };
  }
}

export function loadRegion(paths: RegionPaths, rules: RegionRules = {}): RegionLoad {
  const diagnostics: Diagnostic[] = [];
  const today = rules.today ?? localToday();
  const order = blameOrder(rules.history);
  const { platform, diagnostics: platformDiagnostics } = loadPlatform(paths.platformFile, rules);
  diagnostics.push(...platformDiagnostics);

  const listing = listTenantFiles(paths.tenantsDir);
  diagnostics.push(...listing.diagnostics);
  const tenants: TenantInput[] = [];
  for (const file of listing.files) {
    // No file may stop the others being checked, nor end in a stack trace: a rule that throws is a diagnostic on the file.
    try {
      const checked = checkTenantFile(file, rules);
      diagnostics.push(...checked.diagnostics);
      if (checked.tenant) tenants.push(checked.tenant);
    } catch (err) {
      diagnostics.push(internalError(displayPath(file), err));
    }
  }

  if (platform) {
    let resolved: AddressPlan["tenants"] = [];
    try {
      diagnostics.push(...checkRegion(platform, tenants, order), ...checkOffboarding(platform, tenants, today), ...checkGithubTeams(platform, tenants), ...checkSubscriptions(platform, tenants), ...checkWorkloadSettings(platform), ...checkWorkloads(platform, tenants));
      diagnostics.push(...checkSharedServiceSettings(platform), ...checkSharedServiceSubscriptions(platform, tenants));
      diagnostics.push(...checkHubs(platform), ...checkHubPins(platform, tenants), ...checkSitesAgainstHubs(platform, tenants));
      diagnostics.push(...checkRegionNames(platform, establishedFirst(tenants, order)));
      const plan = resolveAddressPlan(platform, establishedFirst(tenants, order), order);
      diagnostics.push(...plan.diagnostics);
      resolved = plan.tenants;
    } catch (err) {
      diagnostics.push(internalError(platform.source.file, err));
    }
    if (diagnostics.length === 0) {
      const selected = [...resolved].sort((a, b) => a.spec.slug.localeCompare(b.spec.slug));
      return {
        region: { platformFile: platform.source.file, platform: platform.spec, tenants: selected },
        diagnostics,
        fileCount: listing.files.length,
      };
    }
  }
  return { diagnostics: sortDiagnostics(dedupe(diagnostics)), fileCount: listing.files.length };
}

function checkTenantFile(file: string, rules: RegionRules): { tenant?: TenantInput; diagnostics: Diagnostic[] } {
  const { source, text, diagnostics: unread } = readSource(file);
  if (!source || text === undefined || unread.length > 0) return { diagnostics: unread };
  // Before the schema: a "TODO: ..." where a number or map belongs is reported as unfilled, not as the wrong type.
  const placeholders = findPlaceholders(source);
  const parsed = checkAgainstSchema(tenantSchema, source);
  if (!parsed.ok) {
    const rest = parsed.diagnostics.filter((d) => !placeholders.some((p) => isWithin(d.path, p.path)));
    return { diagnostics: [...placeholders, ...rest] };
  }
  const fileSlug = path.basename(file, ".yaml");
  const waivers = rules.policyNames ? checkWaiverPolicies(parsed.value.waivers, rules.policyNames) : [];
  const dates = checkTenantDates(parsed.value, rules.today ?? localToday());
  const diagnostics = [...checkTenant(parsed.value, fileSlug), ...waivers, ...dates].map((finding) => diagnosticAt(source, finding.path, finding.message, finding.at));
  // The rules across files keep every tenant until the end; its tree is parsed again only if one of them reports on it.
  return { tenant: { source: withoutTree(source, text), spec: parsed.value }, diagnostics: [...placeholders, ...diagnostics] };
}

function internalError(file: string, err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return { file, path: [], message: `could not be checked: ${message}; this is a fault in grunnmur, not in the file, so report it with the file attached` };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.path.join(".")}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
