/**
 * azure-native gives every resource an alias per older API version and former
 * module (60 for a VirtualNetwork). The SDK turns each alias into several
 * Outputs and a URN, which made them most of the engine's work per resource
 * under the mocks. They only matter to a stack whose state still holds those
 * old types, and the preview files never showed them (capture.ts drops them),
 * so offline workers drop them before the SDK sees them. Measured with
 * `npm run bench`; see docs/performance.md.
 *
 * Only the preview worker installs this; `pulumi up` keeps every alias.
 */
import * as pulumi from "@pulumi/pulumi";

/** An alias azure-native adds by itself: nothing but another azure-native type token. */
export function isProviderTypeAlias(alias: unknown): boolean {
  if (!alias || typeof alias !== "object" || pulumi.Output.isInstance(alias)) return false;
  const keys = Object.keys(alias);
  const type = (alias as { type?: unknown }).type;
  return keys.length === 1 && typeof type === "string" && type.startsWith("azure-native:");
}

export function skipProviderTypeAliases(): void {
  const sdk = pulumi as { mergeOptions: typeof pulumi.mergeOptions };
  const original = sdk.mergeOptions;
  // azure-native's constructors call pulumi.mergeOptions(opts, { aliases: [...] }) through the module object.
  sdk.mergeOptions = ((a: pulumi.ResourceOptions | undefined, b: pulumi.ResourceOptions | undefined) => {
    const merged = original(a, b);
    if (Array.isArray(merged.aliases)) merged.aliases = merged.aliases.filter((alias) => !isProviderTypeAlias(alias));
    return merged;
  }) as typeof original;
}
