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
import { resolveAddressPlan } from "../resolve";
import type { PlatformInput, TenantInput } from "./checked-files";
import { checkPlatform, checkRegion } from "./region-rules";
import { checkTenant } from "./tenant-rules";
import { checkWaiverPolicies } from "./waiver-rules";
import { diagnosticAt, parseYamlSource } from "./yaml-source";
import { blameOrder, establishedFirst, type FileHistory } from "./file-age";
import { checkTenantDates, checkWaiverDates, localToday } from "./date-rules";
import { checkOffboarding } from "./offboarding-rules";
import { checkGithubTeams } from "./github-rules";

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
    const full = path.join(tenantsDir, entry);
    if (!fs.statSync(full).isFile()) continue;
    if (entry.endsWith(".yaml")) files.push(full);
    else if (entry.endsWith(".yml")) {
      diagnostics.push({ file: displayPath(full), path: [], message: `tenant files end in .yaml; rename it to ${entry.replace(/\.yml$/, ".yaml")}` });
    }
  }
  return { files, diagnostics };
}

function readSource(file: string) {
  return parseYamlSource(displayPath(file), fs.readFileSync(file, "utf8"));
}

export function loadPlatform(platformFile: string, rules: RegionRules = {}): { platform?: PlatformInput; diagnostics: Diagnostic[] } {
  if (!fs.existsSync(platformFile)) {
    return { diagnostics: [{ file: displayPath(platformFile), path: [], message: "does not exist; pass --platform FILE with the host's platform file" }] };
  }
  const source = readSource(platformFile);
  if (source.syntaxErrors.length > 0) return { diagnostics: source.syntaxErrors };
  const parsed = checkAgainstSchema(platformSchema, source);
  if (!parsed.ok) return { diagnostics: parsed.diagnostics };
  const platform = { source, spec: parsed.value };
  const waivers = rules.policyNames ? checkWaiverPolicies(platform.spec.waivers, rules.policyNames) : [];
  const dates = checkWaiverDates(platform.spec.waivers, rules.today ?? localToday());
  return { platform, diagnostics: [...checkPlatform(platform), ...[...waivers, ...dates].map((f) => diagnosticAt(source, f.path, f.message, f.at))] };
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
    const source = readSource(file);
    if (source.syntaxErrors.length > 0) {
      diagnostics.push(...source.syntaxErrors);
      continue;
    }
    const parsed = checkAgainstSchema(tenantSchema, source);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    const fileSlug = path.basename(file, ".yaml");
    const waivers = rules.policyNames ? checkWaiverPolicies(parsed.value.waivers, rules.policyNames) : [];
    for (const finding of [...checkTenant(parsed.value, fileSlug), ...waivers, ...checkTenantDates(parsed.value, today)]) {
      diagnostics.push(diagnosticAt(source, finding.path, finding.message, finding.at));
    }
    tenants.push({ source, spec: parsed.value });
  }

  if (platform) {
    diagnostics.push(...checkRegion(platform, tenants, order), ...checkOffboarding(platform, tenants, today), ...checkGithubTeams(platform, tenants));
    const plan = resolveAddressPlan(platform, establishedFirst(tenants, order), order);
    diagnostics.push(...plan.diagnostics);
    const resolved = plan.tenants;
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

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.path.join(".")}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
