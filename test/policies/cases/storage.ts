import type { PolicyCase } from "../../helpers/policy-cases";
import { resource, tenantStack, withInputs, withoutResource, withResources } from "../../helpers/policy-fixtures";

const account = "storage account stgrunnmursenjaprod";
const files = (patch: Record<string, unknown>) => () => withInputs(tenantStack(), "files", patch);

export const storageCases: PolicyCase[] = [
  {
    policy: "storage-https-only",
    fails: "lets a storage account accept plain HTTP",
    passing: tenantStack,
    failing: files({ enableHttpsTrafficOnly: false }),
    message: `${account}: enableHttpsTrafficOnly is false; set it to true (CIS 9.3.4; NSM 2.7.4)`,
  },
  {
    policy: "storage-minimum-tls-1-2",
    fails: "leaves the minimum TLS version unset",
    passing: tenantStack,
    failing: files({ minimumTlsVersion: undefined }),
    message: `${account}: minimumTlsVersion is not set (Azure then accepts TLS 1.0); set it to "TLS1_2" (CIS 9.3.6)`,
  },
  {
    policy: "storage-no-public-blob-access",
    fails: "allows public blob access",
    passing: tenantStack,
    failing: files({ allowBlobPublicAccess: true }),
    message: `${account}: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)`,
  },
  {
    policy: "storage-no-shared-key-access",
    fails: "does not turn shared keys off",
    passing: tenantStack,
    failing: files({ allowSharedKeyAccess: undefined }),
    message: `${account}: allowSharedKeyAccess is not set (Azure treats that as true); set it to false (CIS 9.3.1.3)`,
  },
  {
    policy: "storage-no-local-users-or-sftp",
    fails: "turns on local users, who sign in without Entra ID",
    passing: tenantStack,
    failing: files({ isLocalUserEnabled: true }),
    message: `${account}: isLocalUserEnabled is true; set it to false (CIS 9.3.1.3; MCSB IM-1)`,
  },
  {
    policy: "storage-no-local-users-or-sftp",
    fails: "does not turn SFTP off",
    passing: tenantStack,
    failing: files({ isSftpEnabled: undefined }),
    message: `${account}: isSftpEnabled is not set; set it to false (CIS 9.3.1.3; MCSB IM-1)`,
  },
  {
    policy: "storage-no-local-users-or-sftp",
    fails: "creates a local user on the account",
    passing: tenantStack,
    failing: () =>
      withResources(
        tenantStack(),
        resource("senja", "azure-native:storage:LocalUser", "sftp-user", { resourceGroupName: "rg-grunnmur-senja-data-prod-noe", accountName: "stgrunnmursenjaprod", username: "vendor", hasSshPassword: true }),
      ),
    message: "local user sftp-user: a storage account's local user signs in with its own password or SSH key, not Entra ID; remove it (CIS 9.3.1.3; MCSB IM-1)",
  },
  {
    policy: "storage-share-default-permission-none",
    fails: "gives every identity in the directory contributor rights on every share",
    // "none" in lower case means the same to Azure.
    passing: files({ azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AADKERB", defaultSharePermission: "none" } }),
    failing: files({ azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AADKERB", defaultSharePermission: "StorageFileDataSmbShareContributor" } }),
    message: `${account}: azureFilesIdentityBasedAuthentication.defaultSharePermission is "StorageFileDataSmbShareContributor"; set it to "None" (and give the municipality's groups an SMB share role) (CIS 9.1; MCSB PA-7)`,
  },
  {
    policy: "storage-share-default-permission-none",
    fails: "turns on Entra ID Kerberos without saying the default share permission",
    passing: tenantStack,
    failing: files({ azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AADKERB" } }),
    message: `${account}: azureFilesIdentityBasedAuthentication.defaultSharePermission is not set; set it to "None" (and give the municipality's groups an SMB share role) (CIS 9.1; MCSB PA-7)`,
  },
  {
    policy: "storage-infrastructure-encryption",
    fails: "encrypts only once",
    passing: tenantStack,
    failing: files({ encryption: { requireInfrastructureEncryption: false } }),
    message: `${account}: encryption.requireInfrastructureEncryption is false; set it to true (CIS v3 4.2)`,
  },
  {
    policy: "storage-private-network-only",
    fails: "opens a storage account to public networks",
    passing: tenantStack,
    failing: files({ publicNetworkAccess: "Enabled" }),
    message: `${account}: publicNetworkAccess is "Enabled"; set it to "Disabled" (CIS 9.3.2; NSM 2.5.2)`,
  },
  {
    policy: "storage-private-network-only",
    fails: "lets every network through the storage firewall",
    passing: tenantStack,
    failing: files({ networkRuleSet: { defaultAction: "Allow" } }),
    message: `${account}: networkRuleSet.defaultAction is "Allow"; set it to "Deny" (CIS 9.3.2; NSM 2.5.2)`,
  },
  {
    policy: "storage-no-cross-tenant-replication",
    fails: "allows replication to another Entra tenant",
    passing: tenantStack,
    failing: files({ allowCrossTenantReplication: true }),
    message: `${account}: allowCrossTenantReplication is true; set it to false (CIS 9.3.7)`,
  },
  {
    policy: "storage-no-cross-tenant-replication",
    fails: "does not default the portal to Entra ID",
    passing: tenantStack,
    failing: files({ defaultToOAuthAuthentication: false }),
    message: `${account}: defaultToOAuthAuthentication is false; set it to true (CIS 9.3.7)`,
  },
  {
    policy: "storage-blob-soft-delete",
    fails: "has a storage account without blob service properties",
    passing: tenantStack,
    failing: () => withoutResource(tenantStack(), "files-blob"),
    message: `${account}: has no blob service properties; add a storage BlobServiceProperties resource with deleteRetentionPolicy, containerDeleteRetentionPolicy and isVersioningEnabled (CIS 9.2; NSM 2.9.4)`,
  },
  {
    policy: "storage-blob-soft-delete",
    fails: "keeps deleted blobs for 3 days only",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-blob", { deleteRetentionPolicy: { days: 3 } }),
    message: `blob service of ${account}: deleteRetentionPolicy.days is 3; set it to 14 or more (CIS 9.2; NSM 2.9.4)`,
  },
  {
    policy: "storage-blob-soft-delete",
    fails: "gives the retention days as the string \"7\"",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-blob", { deleteRetentionPolicy: { days: "7" } }),
    message: `blob service of ${account}: deleteRetentionPolicy.days is "7"; set it to 14 or more (CIS 9.2; NSM 2.9.4)`,
  },
  {
    policy: "storage-blob-soft-delete",
    fails: "turns blob versioning off",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-blob", { isVersioningEnabled: false }),
    message: `blob service of ${account}: isVersioningEnabled is false; set it to true (CIS 9.2; NSM 2.9.4)`,
  },
  {
    policy: "storage-file-soft-delete-smb",
    fails: "holds file shares without file service properties",
    passing: tenantStack,
    failing: () => withoutResource(tenantStack(), "files-file"),
    message: `${account}: holds file shares but has no file service properties; add a storage FileServiceProperties resource with shareDeleteRetentionPolicy and SMB protocol settings (CIS 9.1)`,
  },
  {
    policy: "storage-file-soft-delete-smb",
    fails: "turns share soft delete off",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-file", { shareDeleteRetentionPolicy: { enabled: false } }),
    message: `file service of ${account}: shareDeleteRetentionPolicy.enabled is false; set it to true (CIS 9.1)`,
  },
  {
    policy: "storage-file-soft-delete-smb",
    fails: "gives the share retention days as a string that reads like more than enough",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-file", { shareDeleteRetentionPolicy: { days: "30" } }),
    message: `file service of ${account}: shareDeleteRetentionPolicy.days is "30"; set it to 14 or more (CIS 9.1)`,
  },
  {
    policy: "storage-file-soft-delete-smb",
    fails: "still accepts SMB 3.0",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-file", { protocolSettings: { smb: { versions: "SMB3.0;SMB3.1.1" } } }),
    message: `file service of ${account}: protocolSettings.smb.versions is "SMB3.0;SMB3.1.1"; set it to "SMB3.1.1" (CIS 9.1)`,
  },
  {
    policy: "storage-file-soft-delete-smb",
    fails: "allows AES-128 on the SMB channel",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-file", { protocolSettings: { smb: { channelEncryption: "AES-128-CCM;AES-256-GCM" } } }),
    message: `file service of ${account}: protocolSettings.smb.channelEncryption is "AES-128-CCM;AES-256-GCM"; set it to "AES-256-GCM" (CIS 9.1)`,
  },
];
