/**
 * Pulumi entry point for every stack of the `grunnmur` project. The stack name
 * decides the program: `platform` runs the shared platform and its primary hub,
 * `hub-<key>` the hub `network.hubs.<key>` of platform.yaml, any other name
 * `<slug>` the tenant program for tenants/<slug>.yaml.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { formatDiagnostic } from "../tenants/validation/diagnostic";
import { REPO_ROOT } from "../tenants/paths";
import { loadRegion } from "../tenants/validation/load-region";
import { localToday } from "../tenants/validation/date-rules";
import { hubKeyOfStack, hubStackName, PLATFORM_STACK, PROJECT } from "./contract";
import { hubStackProgram } from "./hub/program";
import { HUB_MAIN, hubOf } from "../domain/network/hub-placement";
import { platformProgram } from "./platform/program";
import { tenantProgram } from "./tenant/program";


export = async () => {
  const config = new pulumi.Config(PROJECT);
  const stack = pulumi.getStack();
  const load = loadRegion({
    tenantsDir: path.resolve(REPO_ROOT, config.get("tenantsDir") ?? "tenants"),
    platformFile: path.resolve(REPO_ROOT, config.get("platformFile") ?? "platform.yaml"),
  });
  if (!load.region) {
    throw new Error(`the tenant or platform files are not valid; run "npx grunnmur validate":\n${load.diagnostics.map(formatDiagnostic).join("\n")}`);
  }
  const region = load.region;
  if (stack === PLATFORM_STACK) return platformProgram({ platform: region.platform, tenants: region.tenants, secretMode: "live", today: localToday() });
  const org = pulumi.getOrganization();
  // Pulumi.yaml defaults platformStack to "": the organisation is known only at run time.
  const platformStackName = config.get("platformStack") || `${org}/${PROJECT}/${PLATFORM_STACK}`;
  // A hub's stack sits beside the platform's: same organisation and project.
  const siblingStack = (name: string) => platformStackName.replace(/[^/]+$/, name);
  const hubKey = hubKeyOfStack(stack);
  if (hubKey !== undefined) {
    return hubStackProgram({ platform: region.platform, hub: hubKey, tenants: region.tenants, platformStackName, secretMode: "live", today: localToday() });
  }

  const tenant = region.tenants.find((t) => t.spec.slug === stack);
  if (!tenant) {
    throw new Error(`stack "${stack}" has no tenant file tenants/${stack}.yaml; stack names are "platform", "hub-<key>" for a hub of platform.yaml network.hubs, or a tenant slug`);
  }
  const hub = hubOf(region.platform, tenant.spec);
  const hubStack = hub === HUB_MAIN ? undefined : siblingStack(hubStackName(hub));
  return tenantProgram({ platform: region.platform, tenant, platformStackName, hubStackName: hubStack, secretMode: "live", today: localToday() });
};
