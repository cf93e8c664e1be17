/**
 * The outputs the stacks really export are the ones the contract names
 * (stacks/contract.ts), no more and no fewer. The key lists below are checked by
 * the compiler against the contract's interfaces, so a renamed output fails to
 * compile here, and an output a program adds or drops fails this test.
 */
import type { PlatformOutputs, TenantOutputs } from "../../stacks/contract";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";

const every = <T>(keys: Record<keyof T, true>): string[] => Object.keys(keys).sort();

const PLATFORM_KEYS = every<PlatformOutputs>({
  location: true,
  environment: true,
  subscriptionId: true,
  hubResourceGroupName: true,
  hubVnetId: true,
  hubVnetName: true,
  firewallPrivateIp: true,
  tenantPool: true,
  hubServicePrefixes: true,
  sharedServicePrefixes: true,
  firewallPublicIp: true,
  dnsResolverInboundIp: true,
  privateDnsZoneIds: true,
  workspaceId: true,
  logAnalyticsWorkspaceId: true,
  vmDataCollectionRuleId: true,
  recoveryVaultId: true,
  recoveryVaultName: true,
  recoveryVaultResourceGroupName: true,
  backupPolicyIds: true,
  resourceGuardId: true,
  keyVaultId: true,
  keyVaultName: true,
  radiusPublicAddresses: true,
  platformGroupIds: true,
  breakGlassGroupId: true,
  tenantCount: true,
  hubs: true,
  alertActionGroupsScope: true,
  parentFirewallPolicyId: true,
  sharedResourceGroupName: true,
  monitoringResourceGroupName: true,
  workspaceName: true,
  radiusPrincipalIds: true,
  radiusRouteTableName: true,
});

const TENANT_KEYS = every<TenantOutputs>({
  tenant: true,
  leaving: true,
  offboarding: true,
  addressSpace: true,
  addressSource: true,
  zones: true,
  subnets: true,
  resourceGroups: true,
  spokeVnetId: true,
  hub: true,
  hubVnetId: true,
  logAnalyticsWorkspaceId: true,
  firewallPrivateIp: true,
  storageAccount: true,
  fileEndpoint: true,
  shares: true,
  administrativeUnitId: true,
  groupIds: true,
});

describe("the contract between the stacks", () => {
  let previewed: PreviewedRegion;
  beforeAll(async () => {
    previewed = await previewFiles();
  });
  afterAll(() => previewed.remove());

  it("is what the platform stack exports (in a region of one hub there is no parent firewall policy, and no RADIUS table that other stacks add routes to)", () => {
    const outputs = Object.keys(previewed.read("platform").outputs).sort();
    expect(outputs.filter((k) => !PLATFORM_KEYS.includes(k))).toEqual([]);
    expect(PLATFORM_KEYS.filter((k) => !outputs.includes(k))).toEqual(["parentFirewallPolicyId", "radiusRouteTableName"]);
  });

  it("is what every tenant stack exports (an output without a value is still named)", () => {
    for (const tenant of previewed.result.tenants) {
      const outputs = previewed.read(tenant.stack).outputs;
      // JSON drops undefined values: a tenant without storage has no storageAccount or fileEndpoint, one that stays no offboarding.
      expect(Object.keys(outputs).filter((k) => !TENANT_KEYS.includes(k))).toEqual([]);
      expect(TENANT_KEYS.filter((k) => !(k in outputs) && !["storageAccount", "fileEndpoint", "offboarding"].includes(k))).toEqual([]);
    }
  });

  it("carries the platform outputs the tenant programs read: every one a tenant asks for exists", () => {
    const platform = previewed.read("platform").outputs;
    for (const key of ["subscriptionId", "workspaceId", "hubVnetId", "firewallPrivateIp", "dnsResolverInboundIp", "privateDnsZoneIds", "recoveryVaultResourceGroupName", "recoveryVaultName", "backupPolicyIds"] satisfies Array<keyof PlatformOutputs>) {
      expect(platform[key]).toBeDefined();
    }
  });
});
