/**
 * Rules inside one tenant file that the schema's shape cannot express:
 * services against their sections, zone sizes, secret references, the system
 * inventory's dependencies. The Wi-Fi section's rules are eduroam's
 * (domain/eduroam/validation.ts).
 */
import type { TenantFile } from "../schema/tenant";
import { ZONE_NAMES, ZONE_RULES } from "../../domain/network/zones";
import { checkWifiSection } from "../../domain/eduroam/validation";
import type { Finding } from "./finding";
import { checkSecretRef } from "./secret-rules";

export function checkTenant(tenant: TenantFile, fileSlug: string): Finding[] {
  const findings: Finding[] = [];
  const services = new Set(tenant.services);

  if (tenant.slug !== fileSlug) {
    findings.push({
      path: ["slug"],
      message: `is "${tenant.slug}" but the file is named ${fileSlug}.yaml; the slug must match the file name (rename the file to ${tenant.slug}.yaml or fix the slug)`,
    });
  }
  tenant.services.forEach((service, i) => {
    if (tenant.services.indexOf(service) !== i) {
      findings.push({ path: ["services", i], message: `lists "${service}" twice; keep one` });
    }
  });

  for (const zone of ZONE_NAMES) {
    const rule = ZONE_RULES[zone];
    const config = tenant.network.zones[zone];
    if (config && rule.service && !services.has(rule.service as never)) {
      findings.push({
        path: ["network", "zones", zone],
        at: "key",
        message: `is configured but "${rule.service}" is not in services; add it to services or remove the zone`,
      });
    }
    const size = config?.size;
    if (size !== undefined) {
      if (size > rule.minimumPrefix) {
        findings.push({
          path: ["network", "zones", zone, "size"],
          message: `/${size} is too small for ${rule.label}; use /${rule.minimumPrefix} or larger`,
        });
      } else if (size < 16) {
        findings.push({ path: ["network", "zones", zone, "size"], message: `/${size} is larger than a spoke may be; use /16 or smaller` });
      }
    }
  }

  const sectionFor: Array<[string, unknown]> = [
    ["wifi", tenant.wifi],
    ["storage", tenant.storage],
    ["backup", tenant.backup],
  ];
  for (const [service, section] of sectionFor) {
    const subscribed = services.has(service as never);
    if (subscribed && section === undefined) {
      findings.push({ path: ["services"], message: `includes "${service}" but the file has no ${service} section; add one (see the schema) or remove the service` });
    }
    if (!subscribed && section !== undefined) {
      findings.push({ path: [service], at: "key", message: `is set but "${service}" is not in services; add "${service}" to services or remove this section` });
    }
  }
  if (tenant.storage && Object.keys(tenant.storage.shares).length === 0) {
    findings.push({ path: ["storage", "shares"], message: "has no shares; add at least one share, e.g. felles: { quotaGb: 100 }" });
  }

  for (const [key, share] of Object.entries(tenant.storage?.shares ?? {})) {
    if (share.previousKey && share.previousKey in (tenant.storage?.shares ?? {})) {
      findings.push({
        path: ["storage", "shares", key, "previousKey"],
        message: `"${share.previousKey}" is still a share in this file; previousKey names the key this share had before a rename, so remove the old entry or this field`,
      });
    }
  }
  if (tenant.services.includes("backup") && !tenant.services.includes("storage")) {
    findings.push({
      path: ["services"],
      message: 'includes "backup" but not "storage"; backup protects the municipality\'s file shares, so add "storage" with at least one share or remove "backup"',
    });
  }

  for (const [key, site] of Object.entries(tenant.sites)) {
  }
  findings.push(...checkWifiSection(tenant));

  const emails = new Set<string>();
  tenant.identity.externalAdmins.forEach((admin, i) => {
    const key = admin.email.toLowerCase();
    if (emails.has(key)) findings.push({ path: ["identity", "externalAdmins", i, "email"], message: `${admin.email} is listed twice; keep one` });
    emails.add(key);
  });

  findings.push(...checkSystems(tenant));
  return findings;
}

/** Dependencies must name systems in the same file and must not form a cycle. */
function checkSystems(tenant: TenantFile): Finding[] {
  const findings: Finding[] = [];
  const keys = Object.keys(tenant.systems);
  for (const [key, system] of Object.entries(tenant.systems)) {
    system.dependsOn.forEach((dep, i) => {
      if (!(dep in tenant.systems)) {
        findings.push({
          path: ["systems", key, "dependsOn", i],
          message: `"${dep}" is not a system in this file; valid keys are ${keys.join(", ") || "(none)"}`,
        });
      } else if (dep === key) {
        findings.push({ path: ["systems", key, "dependsOn", i], message: "a system cannot depend on itself" });
      }
    });
  }
  const cycle = findCycle(tenant);
  if (cycle) {
    findings.push({
      path: ["systems", cycle[0], "dependsOn"],
      message: `dependencies form a cycle: ${cycle.join(" → ")}; systems in a cycle cannot be migrated in order, remove one dependency`,
    });
  }
  return findings;
}

function findCycle(tenant: TenantFile): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (key: string): string[] | undefined => {
    if (state.get(key) === "done") return undefined;
    if (state.get(key) === "visiting") return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, "visiting");
    stack.push(key);
    for (const dep of tenant.systems[key]?.dependsOn ?? []) {
      if (dep === key || !(dep in tenant.systems)) continue;
      const found = visit(dep);
      if (found) return found;
    }
    stack.pop();
    state.set(key, "done");
    return undefined;
  };
  for (const key of Object.keys(tenant.systems).sort()) {
    const found = visit(key);
    if (found) return found;
  }
  return undefined;
}
