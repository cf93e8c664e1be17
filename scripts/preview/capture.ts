/**
 * Records every resource a program registers, with its options. The mocks'
 * newResource does not see parent, protect, dependsOn or aliases, so this wraps
 * the mock monitor's registerResource and reads them from the request itself.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CapturedProvider, CapturedResource } from "./preview-file";

/**
 * azure-native adds type-only aliases of its own: one per older API version
 * (azure-native:network/v20230201:VirtualNetwork) and one per former module
 * (azure-native:network:VirtualNetworkLink for privatedns). They are not ours.
 * Workers normally drop them before registration (skip-provider-type-aliases.ts);
 * this keeps the files the same when GRUNNMUR_PROVIDER_ALIASES=1 lets them through.
 */
function isProviderTypeAlias(type: string, name: string): boolean {
  return name === "" && type.startsWith("azure-native:");
}

const SECRET_MARKER = "[secret]";

/** Replaces secret values with a marker, so preview files never hold a secret. */
function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return SECRET_MARKER;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, maskSecrets(v)]));
  }
  return value;
}

interface AliasProto {
  getUrn(): string;
  getSpec(): { getName(): string; getType(): string; getStack(): string; getProject(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
}

function aliasesOf(list: AliasProto[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const alias of list) {
    const urn = alias.getUrn();
    if (urn) {
      out.push({ urn });
      continue;
    }
    const spec = alias.getSpec();
    if (!spec) continue;
    if (isProviderTypeAlias(spec.getType(), spec.getName())) continue;
    const entry: Record<string, unknown> = {};
    if (spec.getName()) entry.name = spec.getName();
    if (spec.getType()) entry.type = spec.getType();
    if (spec.getStack()) entry.stack = spec.getStack();
    if (spec.getProject()) entry.project = spec.getProject();
    if (spec.getParenturn()) entry.parentUrn = spec.getParenturn();
    if (spec.getNoparent()) entry.noParent = true;
    out.push(entry);
  }
  return out;
}

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/**
 * A resource's provider from the reference the SDK sends with it, "<urn>::<id>"
 * (empty for the default provider, which the engine adds itself). The provider
 * registers before anything that uses it, since the reference needs its id.
 */
function providerOf(reference: string, providers: ReadonlyMap<string, CapturedProvider>): CapturedProvider | null {
  if (!reference) return null;
  const urn = reference.slice(0, reference.lastIndexOf("::"));
  return providers.get(urn) ?? { urn, name: urn.slice(urn.lastIndexOf("::") + 2) };
}

/** Starts recording; call after setMocks and before the program runs. */
export function startCapture(): CapturedResource[] {
  const captured: CapturedResource[] = [];
  const providers = new Map<string, CapturedProvider>();
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: any, callback: (err: unknown, resp: any) => void): Promise<void>;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) =>
    original(req, (err, resp) => {
      if (!err && resp) {
        const type: string = req.getType();
        if (type !== "pulumi:pulumi:Stack") {
          const inputs = maskSecrets(pulumi.runtime.deserializeProperties(req.getObject())) as Record<string, unknown>;
          if (type.startsWith(PROVIDER_TYPE_PREFIX)) {
            const subscriptionId = typeof inputs.subscriptionId === "string" ? inputs.subscriptionId : undefined;
            providers.set(resp.getUrn(), { urn: resp.getUrn(), name: req.getName(), ...(subscriptionId ? { subscriptionId } : {}) });
          }
          captured.push({
            urn: resp.getUrn(),
            type,
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent() || null,
            provider: req.getCustom() ? providerOf(req.getProvider(), providers) : null,
            id: resp.getId() || null,
            inputs,
            options: {
              protect: Boolean(req.getProtect()),
              retainOnDelete: Boolean(req.getRetainondelete()),
              dependsOn: [...req.getDependenciesList()].sort(),
              ignoreChanges: [...req.getIgnorechangesList()],
              replaceOnChanges: [...req.getReplaceonchangesList()],
              deleteBeforeReplace: Boolean(req.getDeletebeforereplace()),
              aliases: aliasesOf(req.getAliasesList()),
            },
          });
        }
      }
      callback(err, resp);
    });
  return captured;
}
