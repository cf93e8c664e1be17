import type { PolicyCase } from "../../helpers/policy-cases";
import { TODAY } from "../../helpers/policy-cases";
import { deleteLock, find, platformStack, resource, tenantStack, withInputs, withOptions, withResources, withoutResource } from "../../helpers/policy-fixtures";
import { senjaFile } from "./backup";

const account = "storage account stgrunnmursenjaprod";
const DL02 = "grunnmur baseline DL-02";
const DL03 = "grunnmur baseline DL-03";

/** The platform stack with one more lock, on the resource named `target`. */
const platformLocking = (target: string) => () => {
  const stack = platformStack();
  return withResources(stack, deleteLock("platform", `${target}-lock`, find(stack, target)));
};

/** The tenant's storage reached through a private endpoint, kept in Azure or not when it leaves the stack. */
const tenantWithEndpoint = (retainOnDelete: boolean) => () => {
  const stack = tenantStack();
  const target = find(stack, "files");
  return withResources(
    stack,
    resource(
      "senja",
      "azure-native:network:PrivateEndpoint",
      "files-pe-file",
      {
        resourceGroupName: "rg-grunnmur-senja-data-prod-noe",
        location: "norwayeast",
        privateEndpointName: "pe-senja-file",
        subnet: { id: `${find(stack, "spoke").id}/subnets/snet-grunnmur-senja-endpoints` },
        privateLinkServiceConnections: [{ name: "pe-senja-file", privateLinkServiceId: target.id, groupIds: ["file"] }],
        tags: target.inputs.tags,
      },
      { retainOnDelete },
    ),
  );
};
const nsg = "network security group nsg-grunnmur-senja-general";

export const governanceCases: PolicyCase[] = [
  {
    policy: "location-norway-only",
    fails: "puts a resource in westeurope",
    passing: () => withInputs(tenantStack(), "files", { location: "Norway West" }),
    failing: () => withInputs(tenantStack(), "files", { location: "westeurope" }),
    message: `${account}: location is "westeurope"; set it to "norwayeast" ("norwaywest" only for disaster-recovery copies) (Archive Act; Digdir guidance)`,
  },
  {
    policy: "location-norway-only",
    fails: "leaves the location out, so Azure would take the resource group's",
    // Types without a location of their own (a file share lives in its account) need none.
    passing: () => withInputs(tenantStack(), "share-felles", { location: undefined }),
    failing: () => withInputs(tenantStack(), "files", { location: undefined }),
    message: `${account}: location is not set (azure-native then takes the resource group's, which the resource does not show); set it to "norwayeast" ("norwaywest" only for disaster-recovery copies) (Archive Act; Digdir guidance)`,
  },
  {
    policy: "tags-cost-allocation",
    fails: "leaves out the cost centre tag",
    // A maintenance configuration assignment has a location but takes no tags in azure-native.
    passing: () =>
      withResources(
        tenantStack(),
        resource("senja", "azure-native:maintenance:ConfigurationAssignment", "app-patch-assignment", {
          resourceGroupName: "rg-grunnmur-senja-workloads-prod-noe",
          location: "norwayeast",
          providerName: "Microsoft.Compute",
          resourceType: "virtualMachines",
          resourceName: "vm-senja-ephorte-app",
          maintenanceConfigurationId: "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg-grunnmur-senja-workloads-prod-noe/providers/Microsoft.Maintenance/maintenanceConfigurations/mc-senja-ephorte-app",
        }),
      ),
    failing: () => withInputs(tenantStack(), "spoke-general", { tags: { "grunnmur:cost-centre": undefined } }),
    message: `${nsg}: tags lack "grunnmur:cost-centre"; set them (standardTags in components/shared/tags.ts) so costs reach the right municipality (seed 000 cost catalogue)`,
  },
  {
    policy: "tags-cost-allocation",
    fails: "bills a resource to another municipality",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "spoke-general", { tags: { "grunnmur:tenant": "alta" } }),
    message: `${nsg}: tags["grunnmur:tenant"] is "alta"; set it to "senja" (seed 000 cost catalogue)`,
  },
  {
    policy: "stateful-resources-protected",
    fails: "leaves a storage account unprotected",
    passing: tenantStack,
    failing: () => withOptions(tenantStack(), "files", { protect: false }),
    message: `${account}: options.protect is false; set it to true (grunnmur baseline DL-01)`,
  },
  {
    policy: "stateful-resources-protected",
    fails: "lets removing a file share from the code delete its data",
    passing: tenantStack,
    failing: () => withOptions(tenantStack(), "share-felles", { retainOnDelete: false }),
    message: "file share felles: options.retainOnDelete is false; set it to true (grunnmur baseline DL-01)",
  },
  {
    policy: "stateful-resources-protected",
    fails: "comes as a hand-written list that does not say the account is retained on delete",
    passing: tenantStack,
    failing: () => withOptions(tenantStack(), "files", { retainOnDelete: undefined }),
    message: `${account}: options.retainOnDelete is not set; set it to true (grunnmur baseline DL-01)`,
  },
  {
    policy: "stateful-resources-locked",
    fails: "leaves a storage account without a delete lock",
    passing: tenantStack,
    failing: () => withoutResource(tenantStack(), "files-lock"),
    message: `${account}: has no CanNotDelete lock, although the shares and their backup snapshots live in it; lock it with addLock(..., { kept: true }) from components/shared/lock.ts (${DL02})`,
  },
  {
    policy: "stateful-resources-locked",
    fails: "locks the Recovery Services vault with a lock the stack would delete with it",
    passing: platformStack,
    failing: () => withOptions(platformStack(), "backup-lock", { protect: false, retainOnDelete: false }),
    message: `management lock by scope backup-lock, the lock of Recovery Services vault rsv-grunnmur-prod-noe: options.protect is false; set it to true so the lock stays in Azure with what it locks when the stack lets go of both (${DL02})`,
  },
  {
    policy: "stateful-resources-locked",
    fails: "locks the log workspace read-only",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "logs-lock", { level: "ReadOnly" }),
    message: `management lock by scope logs-lock, the lock of Log Analytics workspace log-grunnmur-prod-noe: level is "ReadOnly"; set it to "CanNotDelete" (a ReadOnly lock also refuses POST operations: listing keys, configuring backup, restoring) (${DL02})`,
  },
  {
    policy: "locks-spare-managed-resources",
    fails: "locks the hub virtual network, under which every tenant stack makes and removes its peering",
    passing: platformStack,
    failing: platformLocking("hub"),
    message: `management lock by scope hub-lock: locks virtual network vnet-grunnmur-hub-prod-noe, but its peerings and subnets are its children: a lock on the hub stops every tenant stack from removing its peering, and offboarding with it; remove the lock (${DL03})`,
  },
  {
    policy: "locks-spare-managed-resources",
    fails: "locks the key vault, under which the platform removes RADIUS role assignments",
    passing: platformStack,
    failing: platformLocking("secrets"),
    message: `management lock by scope secrets-lock: locks key vault kv-grunnmur-prod-noe, but each RADIUS server's role assignment on a secret is an extension resource below the vault, removed when a municipality's secret goes; soft delete and purge protection keep the vault recoverable instead; remove the lock (${DL03})`,
  },
  {
    policy: "locks-spare-managed-resources",
    fails: "would delete a diagnostic setting below the storage account's lock",
    passing: tenantStack,
    failing: () => withOptions(tenantStack(), "files-diagnostics", { retainOnDelete: false }),
    message: `diagnostic setting diag-files-diagnostics: lies below management lock by scope files-lock, so Azure refuses to delete it, yet the stack would delete it when it goes; set retainOnDelete: true on it, or take the lock off (${DL03})`,
  },
  {
    policy: "locks-spare-managed-resources",
    fails: "would delete a private endpoint into the locked storage account",
    passing: tenantWithEndpoint(true),
    failing: tenantWithEndpoint(false),
    message: `private endpoint pe-senja-file: connects to what management lock by scope files-lock locks (deleting the endpoint deletes a connection below it), so Azure refuses to delete it, yet the stack would delete it when it goes; set retainOnDelete: true on it, or take the lock off (${DL03})`,
  },
  {
    policy: "waiver-not-expired",
    fails: "keeps a waiver past its expiry date",
    passing: tenantStack,
    failing: tenantStack,
    passingEnv: senjaFile({ waivers: [{ policy: "storage-no-shared-key-access", resource: "files", reason: "Backup of Azure Files needs the key until ASR-123", granted: "2026-01-05", expires: TODAY }] }),
    failingEnv: senjaFile({ waivers: [{ policy: "storage-no-shared-key-access", resource: "files", reason: "Backup of Azure Files needs the key until ASR-123", granted: "2026-01-05", expires: "2026-11-22" }] }),
    message:
      "tenants/senja.yaml: waivers[0] (storage-no-shared-key-access on files) expired on 2026-11-22; fix files so the policy passes, or renew the waiver with a current reason and a new expires date in a reviewed change",
  },
];
