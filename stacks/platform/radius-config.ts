/**
 * Where the eduroam configuration plugs into the RADIUS servers: the generated
 * tree travels as the VMs' userData (updated in place), the static bootstrap as
 * their customData; secrets named by Pulumi config are copied into Key Vault,
 * the only store the servers read.
 */
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { userDataFromBundle } from "../../domain/eduroam/user-data";
import { radiusBundle, radiusCloudInit, renderRadiusBootstrap } from "../../domain/eduroam/cloud-init";
import type { PlatformStackInput } from "../inputs";
import { resolveSecret } from "../secrets";

export interface RadiusDelivery {
  readonly bootstrap: string;
  readonly configBundle: string;
  /** Key Vaults the servers read secrets from, besides the platform's own. */
  readonly otherVaults: string[];
}

export function radiusDelivery(input: PlatformStackInput, keyVaultName: string): RadiusDelivery | undefined {
  const init = radiusCloudInit({ platform: input.platform, tenants: input.tenants }, { keyVaultName });
  if (!init) return undefined;
  return {
    bootstrap: renderRadiusBootstrap(input.platform.logging.retentionDays),
    configBundle: userDataFromBundle(radiusBundle(init.tree, { keyVaultName })),
    otherVaults: [...new Set(init.secrets.map((s) => s.keyVault).filter((v): v is string => v !== undefined && v !== keyVaultName))].sort(),
  };
}

/** Copies secrets named by Pulumi config into the platform Key Vault, where the servers read them. */
export function copyConfigSecrets(input: PlatformStackInput, keyVaultName: string, resourceGroupName: pulumi.Input<string>, vault: pulumi.Resource): void {
  const init = radiusCloudInit({ platform: input.platform, tenants: input.tenants }, { keyVaultName });
  for (const source of init?.secrets ?? []) {
    if (!source.copyFromPulumiConfig) continue;
    new keyvault.Secret(
      `radius-secret-${source.secretName}`,
      {
        resourceGroupName,
        vaultName: keyVaultName,
        secretName: source.secretName,
        properties: { value: resolveSecret({ pulumiConfig: source.copyFromPulumiConfig }, { mode: input.secretMode, defaultKeyVault: keyVaultName }) },
      },
      { dependsOn: [vault] },
    );
  }
}
