/**
 * Preflight: the rules Azure Resource Manager itself applies when a resource is
 * deployed (name lengths and characters, special subnets, region features, value
 * ranges). A resource that breaks one passes every policy and still fails
 * `pulumi up` halfway, so the same offline preview that runs the policies runs
 * these (scripts/check/run-policies.ts), and each finding is mandatory.
 *
 * Pure: a rule reads the resources of one stack as the offline preview captured
 * them (type, logical name, inputs) and returns findings. No Pulumi, no Azure.
 */

/** A resource as preflight reads it: what scripts/preview/preview-file.ts captures, structurally. */
export interface PreflightResource {
  readonly urn?: string;
  readonly type: string;
  /** Logical (Pulumi) name. */
  readonly name: string;
  readonly custom?: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The URNs it waits for, explicitly or through its inputs; the ordering rules read them. */
  readonly options?: { readonly dependsOn?: readonly string[] };
}

export interface PreflightStack {
  readonly stack: string;
  readonly resources: readonly PreflightResource[];
}

/** One thing Azure would refuse. */
export interface PreflightFinding {
  /** The rule's id, e.g. "PF-02". */
  readonly rule: string;
  readonly stack: string;
  /** Logical name of the resource in the Pulumi program. */
  readonly resource: string;
  readonly urn?: string;
  /** The name Azure would show (account name, subnet name, ...). */
  readonly azureName: string;
  /** The value now, as written, e.g. `"StSenja" (has capitals)` or "/27". */
  readonly value: string;
  /** What Azure allows, e.g. "3-24 lower-case letters and digits". */
  readonly allowed: string;
  /** Where Azure says so. */
  readonly reference: string;
  /** One line for the report: subject, value, what is allowed and the reference. */
  readonly message: string;
}

export interface PreflightRule {
  /** "PF-01", "PF-02", ...: unique, and never one of the policies' ids. */
  readonly id: string;
  /** Stable kebab-case name, shown in the report's policy column. */
  readonly name: string;
  /** What Azure refuses, in one sentence. */
  readonly summary: string;
  /** Microsoft Learn page or Azure REST spec that states the rule. */
  readonly reference: string;
  /** Further pages some of its findings cite instead (Problem.reference), when one page does not state every part. */
  readonly furtherReferences?: readonly string[];
  check(stack: PreflightStack): PreflightFinding[];
}

/** What a rule says about one resource; `finding` turns it into a PreflightFinding. */
export interface Problem {
  readonly resource: PreflightResource;
  /** "storage account", "subnet AzureBastionSubnet of virtual network vnet-x". */
  readonly subject: string;
  readonly azureName: string;
  /** Where the named thing lives, when its name alone does not say: "virtual network vnet-x". */
  readonly within?: string;
  /** The property, e.g. "accountName" or "addressPrefix". */
  readonly property: string;
  readonly value: string;
  readonly allowed: string;
  /** Where Azure says so, when it is another page than the rule's own (a rule that gathers one subject's limits from several). */
  readonly reference?: string;
}

export function finding(rule: Pick<PreflightRule, "id" | "reference">, stack: string, problem: Problem): PreflightFinding {
  const reference = problem.reference ?? rule.reference;
  return {
    rule: rule.id,
    stack,
    resource: problem.resource.name,
    ...(problem.resource.urn ? { urn: problem.resource.urn } : {}),
    azureName: problem.azureName,
    value: problem.value,
    allowed: problem.allowed,
    reference,
    message: `${problem.subject} ${problem.azureName}${problem.within ? ` in ${problem.within}` : ""}: ${problem.property} is ${problem.value}; Azure allows ${problem.allowed} (${reference})`,
  };
}

/** A rule from its metadata and a function that lists the problems in a stack. */
export function preflightRule(meta: Omit<PreflightRule, "check">, problems: (stack: PreflightStack) => Iterable<Problem>): PreflightRule {
  return { ...meta, check: (stack) => [...problems(stack)].map((p) => finding(meta, stack.stack, p)) };
}

/** The resources of the given types that Azure would create (components and providers are not). */
export function ofTypes(stack: PreflightStack, ...types: string[]): PreflightResource[] {
  return stack.resources.filter((r) => r.custom !== false && types.includes(r.type));
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at a dotted path of a resource's inputs. */
export function inputAt(resource: PreflightResource, path: string): unknown {
  let value: unknown = resource.inputs;
  for (const key of path.split(".")) value = isRecord(value) ? value[key] : undefined;
  return value;
}

export const quote = (value: unknown): string => JSON.stringify(value);

/** The input that holds a type's Azure name, for the types preflight reports on. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  "azure-native:resources:ResourceGroup": "resourceGroupName",
  "azure-native:storage:StorageAccount": "accountName",
  "azure-native:keyvault:Vault": "vaultName",
  "azure-native:recoveryservices:Vault": "vaultName",
  "azure-native:recoveryservices:ProtectionPolicy": "policyName",
  "azure-native:network:VirtualNetwork": "virtualNetworkName",
  "azure-native:network:NetworkSecurityGroup": "networkSecurityGroupName",
  "azure-native:network:PublicIPAddress": "publicIpAddressName",
  "azure-native:network:RouteTable": "routeTableName",
  "azure-native:network:PrivateEndpoint": "privateEndpointName",
  "azure-native:network:FirewallPolicy": "firewallPolicyName",
  "azure-native:network:FirewallPolicyRuleCollectionGroup": "ruleCollectionGroupName",
  "azure-native:network:AzureFirewall": "azureFirewallName",
  "azure-native:network:BastionHost": "bastionHostName",
  "azure-native:network:VirtualNetworkPeering": "virtualNetworkPeeringName",
  "azure-native:network:VirtualNetworkGateway": "virtualNetworkGatewayName",
  "azure-native:compute:VirtualMachine": "vmName",
  "azure-native:compute:Disk": "diskName",
  "azure-native:consumption:Budget": "budgetName",
};

/** The name Azure shows for a resource: its name input, else (not set or unknown) its logical name. */
export function azureNameOf(resource: PreflightResource): string {
  const property = NAME_PROPERTY[resource.type];
  const name = property ? resource.inputs[property] : undefined;
  return typeof name === "string" ? name : resource.name;
}
