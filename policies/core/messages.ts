/**
 * Violation messages for a municipal IT admin: which resource, which
 * property, its value now, the safe value, and the rule's source, e.g.
 * `storage account stsenja: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)`.
 */
import { show, UNKNOWN } from "./values";

/** Resource kinds whose type name alone would be ambiguous or unclear. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  "azure-native:keyvault:Vault": "key vault",
  "azure-native:recoveryservices:Vault": "Recovery Services vault",
  "azure-native:dataprotection:BackupVault": "backup vault",
  "azure-native:operationalinsights:Workspace": "Log Analytics workspace",
  "azure-native:network:NetworkSecurityGroup": "network security group",
  "azure-native:network:PublicIPAddress": "public IP address",
  "azure-native:network:VirtualNetwork": "virtual network",
  "azure-native:network:VirtualNetworkPeering": "virtual network peering",
  "azure-native:monitor:DiagnosticSetting": "diagnostic setting",
  "azuread:index/group:Group": "Entra group",
  "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy": "conditional access policy",
  "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment": "Entra directory role assignment",
};

/** "StorageAccount" → "storage account". */
function words(typeName: string): string {
  return typeName.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase();
}

export function kindOf(type: string): string {
  return KIND_NAMES[type] ?? words(type.split(":").pop() ?? type);
}

const SPECIAL_NAME_INPUTS: Record<string, string> = {
  "azure-native:compute:VirtualMachine": "vmName",
  "azure-native:compute:VirtualMachineExtension": "vmExtensionName",
};

/**
 * The name an admin sees in the Azure portal: the input named after the
 * resource type (accountName, vaultName, shareName...), else `name` or
 * `displayName`, else the logical name.
 */
export function azureNameOf(type: string, props: Record<string, unknown>, logicalName: string): string {
  const typeName = (type.split(":").pop() ?? "").toLowerCase();
  let found: string | undefined;
  try {
    // Inputs whose names do not follow the type's (vmName of a VirtualMachine).
    const special = SPECIAL_NAME_INPUTS[type];
    if (special && typeof props[special] === "string" && (props[special] as string).length > 0) return props[special] as string;
    for (const key of Object.keys(props)) {
      if (!key.endsWith("Name") || key.length <= 4) continue;
      const stem = key.slice(0, -4).toLowerCase();
      const value = props[key];
      if (typeName.endsWith(stem) && typeof value === "string" && value.length > 0) found = value;
    }
    if (!found) {
      for (const key of ["name", "displayName"]) {
        const value = props[key];
        if (typeof value === "string" && value.length > 0) return value;
      }
    }
  } catch {
    // An unknown name during preview: the logical name identifies the resource just as well.
  }
  return found ?? logicalName;
}

export function describeResource(type: string, props: Record<string, unknown>, logicalName: string): string {
  return `${kindOf(type)} ${azureNameOf(type, props, logicalName)}`;
}

/** `<resource>: <property> is <now>; set it to <safe> (<source>)`. */
export function settingMessage(args: {
  readonly resource: string;
  readonly property: string;
  readonly current: unknown;
  readonly safe: string;
  readonly source: string;
  /** What Azure does when the property is left out, said when it is. */
  readonly unsetMeans?: string;
}): string {
  const unset = args.current === undefined || args.current === null;
  const note = unset && args.unsetMeans ? ` (${args.unsetMeans})` : "";
  const now = args.current === UNKNOWN ? "unknown until deployment" : show(args.current);
  return `${args.resource}: ${args.property} is ${now}${note}; set it to ${args.safe} (${args.source})`;
}

/** Reports a violation unless `ok(current)`; the message shows `safe` as the value to set. */
export function expectSetting(
  report: (message: string) => void,
  args: {
    readonly resource: string;
    readonly property: string;
    readonly current: unknown;
    readonly ok: (value: unknown) => boolean;
    readonly safe: string;
    readonly source: string;
    readonly unsetMeans?: string;
  },
): void {
  if (!args.ok(args.current)) report(settingMessage(args));
}

/** The common case: the property must be exactly `safe`. */
export function expectEqual(
  report: (message: string) => void,
  resource: string,
  property: string,
  current: unknown,
  safe: string | number | boolean,
  source: string,
  unsetMeans?: string,
): void {
  expectSetting(report, { resource, property, current, ok: (v) => v === safe, safe: show(safe), source, unsetMeans });
}
