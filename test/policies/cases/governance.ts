import type { PolicyCase } from "../../helpers/policy-cases";
import { TODAY } from "../../helpers/policy-cases";
import { tenantStack, withInputs, withOptions } from "../../helpers/policy-fixtures";
import { senjaFile } from "./backup";

const account = "storage account stgrunnmursenjaprod";
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
    passing: tenantStack,
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
