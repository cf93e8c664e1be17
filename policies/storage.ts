/**
 * Storage rules (ST-01 … ST-09 in shared/reference/security-baseline.md):
 * the municipalities' files live here, so every rule protects data.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as storage from "@pulumi/azure-native/storage";
import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import { policiesOfType, resourcePolicy, stackPolicy, type GrunnmurPolicy } from "./core/define";
import { describeResource, expectEqual, expectSetting } from "./core/messages";
import { dependsThrough, ofType } from "./core/stack-facts";
import { knownString, peek, sameText, show, UNKNOWN } from "./core/values";

type AccountProps = pulumi.Unwrap<storage.StorageAccountArgs>;
type BlobServiceProps = pulumi.Unwrap<storage.BlobServicePropertiesArgs>;
type FileServiceProps = pulumi.Unwrap<storage.FileServicePropertiesArgs>;
type RetentionPolicy = NonNullable<BlobServiceProps["deleteRetentionPolicy"]>;

export const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";
export const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
export const FILE_SERVICE = "azure-native:storage:FileServiceProperties";
export const FILE_SHARE = "azure-native:storage:FileShare";
export const BLOB_CONTAINER = "azure-native:storage:BlobContainer";

const account = policiesOfType<AccountProps>(STORAGE_ACCOUNT);

export const httpsOnly = () =>
  account(
    { id: "ST-01", name: "storage-https-only", source: "CIS 9.3.4; NSM 2.7.4", title: "Storage accounts accept HTTPS only.", enforcementLevel: "mandatory" },
    (r, report) => expectEqual(report, r.label, "enableHttpsTrafficOnly", r.props.enableHttpsTrafficOnly, true, "CIS 9.3.4; NSM 2.7.4"),
  );

export const minimumTls = () =>
  account(
    { id: "ST-02", name: "storage-minimum-tls-1-2", source: "CIS 9.3.6", title: "Storage accounts refuse TLS older than 1.2.", enforcementLevel: "mandatory" },
    (r, report) =>
      expectSetting(report, {
        resource: r.label,
        property: "minimumTlsVersion",
        current: r.props.minimumTlsVersion,
        ok: (v) => v === "TLS1_2" || v === "TLS1_3",
        safe: '"TLS1_2"',
        source: "CIS 9.3.6",
        unsetMeans: "Azure then accepts TLS 1.0",
      }),
  );

export const noPublicBlobAccess = () =>
  account(
    { id: "ST-03", name: "storage-no-public-blob-access", source: "CIS 9.3.8", title: "No blob container can be made public.", enforcementLevel: "mandatory" },
    (r, report) => expectEqual(report, r.label, "allowBlobPublicAccess", r.props.allowBlobPublicAccess, false, "CIS 9.3.8"),
  );

export const noSharedKeyAccess = () =>
  account(
    { id: "ST-04.1", name: "storage-no-shared-key-access", source: "CIS 9.3.1.3", title: "Storage accounts accept Entra ID only, not account keys.", enforcementLevel: "mandatory" },
    (r, report) =>
      expectEqual(report, r.label, "allowSharedKeyAccess", r.props.allowSharedKeyAccess, false, "CIS 9.3.1.3", "Azure treats that as true"),
  );

export const LOCAL_USER = "azure-native:storage:LocalUser";
const ST04 = "CIS 9.3.1.3; MCSB IM-1";

export const noLocalUsersOrSftp = () =>
  resourcePolicy<AccountProps>(
    {
      id: "ST-04.2",
      name: "storage-no-local-users-or-sftp",
      source: ST04,
      title: "Storage accounts have no local users and no SFTP: every sign-in is an Entra ID identity.",
      enforcementLevel: "mandatory",
    },
    [STORAGE_ACCOUNT, LOCAL_USER],
    (r, report) => {
      if (r.type === LOCAL_USER) {
        report(`${r.label}: a storage account's local user signs in with its own password or SSH key, not Entra ID; remove it (${ST04})`);
        return;
      }
      expectEqual(report, r.label, "isLocalUserEnabled", r.props.isLocalUserEnabled, false, ST04);
      expectEqual(report, r.label, "isSftpEnabled", r.props.isSftpEnabled, false, ST04);
    },
  );

const ST04_SHARES = "CIS 9.1; MCSB PA-7";

export const defaultSharePermissionNone = () =>
  account(
    {
      id: "ST-04.3",
      name: "storage-share-default-permission-none",
      source: ST04_SHARES,
      title: "No file share grants a default share-level permission: only the groups given a role on a share reach it.",
      enforcementLevel: "mandatory",
    },
    (r, report) => {
      const auth = peek(() => r.props.azureFilesIdentityBasedAuthentication);
      // Without identity-based authentication nobody signs in to a share with Entra ID, so nobody gets a default.
      if (auth === undefined || auth === null || auth === UNKNOWN) return;
      expectSetting(report, {
        resource: r.label,
        property: "azureFilesIdentityBasedAuthentication.defaultSharePermission",
        current: peek(() => (auth as { defaultSharePermission?: unknown }).defaultSharePermission),
        ok: (v) => typeof v === "string" && sameText(v, "None"),
        safe: '"None" (and give the municipality\'s groups an SMB share role)',
        source: ST04_SHARES,
      });
    },
  );

export const infrastructureEncryption = () =>
  account(
    {
      id: "ST-05",
      name: "storage-infrastructure-encryption",
      source: "CIS v3 4.2",
      title: "Data is encrypted twice, at the service and the infrastructure layer.",
      enforcementLevel: "mandatory",
    },
    (r, report) =>
      expectEqual(
        report,
        r.label,
        "encryption.requireInfrastructureEncryption",
        r.props.encryption?.requireInfrastructureEncryption,
        true,
        "CIS v3 4.2",
        "it can only be turned on when the account is created",
      ),
  );

export const privateNetworkOnly = () =>
  account(
    { id: "ST-06", name: "storage-private-network-only", source: "CIS 9.3.2; NSM 2.5.2", title: "Storage is reached through private endpoints only.", enforcementLevel: "mandatory" },
    (r, report) => {
      expectEqual(report, r.label, "publicNetworkAccess", r.props.publicNetworkAccess, "Disabled", "CIS 9.3.2; NSM 2.5.2");
      expectEqual(report, r.label, "networkRuleSet.defaultAction", r.props.networkRuleSet?.defaultAction, "Deny", "CIS 9.3.2; NSM 2.5.2", "Azure then allows every network");
    },
  );

export const entraAuthNoCrossTenant = () =>
  account(
    {
      id: "ST-07",
      name: "storage-no-cross-tenant-replication",
      source: "CIS 9.3.7",
      title: "Data cannot be replicated to another Entra tenant, and the portal uses Entra ID by default.",
      enforcementLevel: "mandatory",
    },
    (r, report) => {
      expectEqual(report, r.label, "allowCrossTenantReplication", r.props.allowCrossTenantReplication, false, "CIS 9.3.7");
      expectEqual(report, r.label, "defaultToOAuthAuthentication", r.props.defaultToOAuthAuthentication, true, "CIS 9.3.7");
    },
  );

/** Children of a storage account (services, shares) by their accountName, by value or by dependency. */
function childrenOf(resources: readonly PolicyResource[], type: string, parent: PolicyResource): PolicyResource[] {
  const parentName = knownString(() => parent.props.accountName) ?? knownString(() => parent.props.name);
  return ofType(resources, type).filter((child) => {
    const name = knownString(() => child.props.accountName);
    return name !== undefined && parentName !== undefined ? sameText(name, parentName) : dependsThrough(child, "accountName", parent);
  });
}

function checkRetention(report: (m: string) => void, resource: string, property: string, policy: RetentionPolicy | undefined, minimumDays: number, source: string) {
  const enabled = peek(() => policy?.enabled);
  expectEqual(report, resource, `${property}.enabled`, enabled, true, source);
  if (enabled === true) {
    expectSetting(report, {
      resource,
      property: `${property}.days`,
      current: peek(() => policy?.days),
      // A number: "7" as a string, or no days at all (Azure's default of 7), must not pass.
      ok: (v) => typeof v === "number" && Number.isInteger(v) && v >= minimumDays,
      safe: `${minimumDays} or more`,
      source,
    });
  }
}

const RETENTION_CONFIG = {
  minimumRetentionDays: { default: 14, minimum: 1, description: "Fewest days deleted data stays recoverable." },
};

/**
 * Runs `check` on every service-properties resource of `type` that belongs to a
 * storage account (reports go to the service); `missing` says what to report on
 * an account that has none, or undefined when it needs none.
 */
function eachAccountService(
  resources: readonly PolicyResource[],
  report: ReportViolation,
  type: string,
  service: string,
  missing: (account: PolicyResource, label: string) => string | undefined,
  check: (props: Record<string, unknown>, report: (message: string) => void, resource: string) => void,
): void {
  for (const acct of ofType(resources, STORAGE_ACCOUNT)) {
    const label = describeResource(acct.type, acct.props, acct.name);
    const services = childrenOf(resources, type, acct);
    const absent = services.length === 0 ? missing(acct, label) : undefined;
    if (absent) report(absent, acct.urn);
    for (const s of services) check(s.props, (message) => report(message, s.urn), `${service} of ${label}`);
  }
}

export const blobSoftDelete = () =>
  stackPolicy<{ minimumRetentionDays: number }>(
    {
      id: "ST-08",
      name: "storage-blob-soft-delete",
      source: "CIS 9.2; NSM 2.9.4",
      title: "Deleted or overwritten blobs and containers can be recovered: soft delete and versioning are on.",
      enforcementLevel: "mandatory",
      config: RETENTION_CONFIG,
    },
    "any",
    ({ resources }, report, config) => {
      const source = "CIS 9.2; NSM 2.9.4";
      eachAccountService(
        resources,
        report,
        BLOB_SERVICE,
        "blob service",
        (_, label) =>
          `${label}: has no blob service properties; add a storage BlobServiceProperties resource with deleteRetentionPolicy, containerDeleteRetentionPolicy and isVersioningEnabled (${source})`,
        (raw, add, resource) => {
          const props = raw as BlobServiceProps;
          checkRetention(add, resource, "deleteRetentionPolicy", peek(() => props.deleteRetentionPolicy) as RetentionPolicy, config.minimumRetentionDays, source);
          checkRetention(add, resource, "containerDeleteRetentionPolicy", peek(() => props.containerDeleteRetentionPolicy) as RetentionPolicy, config.minimumRetentionDays, source);
          expectEqual(add, resource, "isVersioningEnabled", peek(() => props.isVersioningEnabled), true, source);
        },
      );
    },
  );

const SMB_VERSIONS = ["SMB3.1.1"];
const SMB_CHANNEL_ENCRYPTION = ["AES-256-GCM"];

/** Semicolon-separated lists as Azure writes them, e.g. "SMB3.0;SMB3.1.1". */
const onlyFrom = (allowed: readonly string[]) => (v: unknown) =>
  typeof v === "string" && v.split(";").every((item) => allowed.includes(item.trim()));

export const fileSoftDeleteAndSmb = () =>
  stackPolicy<{ minimumRetentionDays: number }>(
    {
      id: "ST-09",
      name: "storage-file-soft-delete-smb",
      source: "CIS 9.1",
      title: "Deleted file shares can be recovered, and SMB uses 3.1.1 with AES-256-GCM only.",
      enforcementLevel: "mandatory",
      config: RETENTION_CONFIG,
    },
    "any",
    ({ resources }, report, config) => {
      const source = "CIS 9.1";
      eachAccountService(
        resources,
        report,
        FILE_SERVICE,
        "file service",
        (acct, label) =>
          childrenOf(resources, FILE_SHARE, acct).length > 0 || peek(() => acct.props.kind) === "FileStorage"
            ? `${label}: holds file shares but has no file service properties; add a storage FileServiceProperties resource with shareDeleteRetentionPolicy and SMB protocol settings (${source})`
            : undefined,
        (raw, add, resource) => {
          const props = raw as FileServiceProps;
          checkRetention(add, resource, "shareDeleteRetentionPolicy", peek(() => props.shareDeleteRetentionPolicy) as RetentionPolicy, config.minimumRetentionDays, source);
          const smb = peek(() => props.protocolSettings?.smb) as Record<string, unknown> | undefined;
          for (const [key, allowed] of [["versions", SMB_VERSIONS], ["channelEncryption", SMB_CHANNEL_ENCRYPTION]] as const) {
            const current = peek(() => smb?.[key]);
            expectSetting(add, { resource, property: `protocolSettings.smb.${key}`, current, ok: onlyFrom(allowed), safe: show(allowed.join(";")), source });
          }
        },
      );
    },
  );

export function storagePolicies(): GrunnmurPolicy[] {
  return [
    httpsOnly(),
    minimumTls(),
    noPublicBlobAccess(),
    noSharedKeyAccess(),
    noLocalUsersOrSftp(),
    defaultSharePermissionNone(),
    infrastructureEncryption(),
    privateNetworkOnly(),
    entraAuthNoCrossTenant(),
    blobSoftDelete(),
    fileSoftDeleteAndSmb(),
  ];
}
