/**
 * Secrets a Pulumi program may take in: the value of a secret Pulumi config key
 * of the stack (encrypted in the stack file by its secrets provider), which the
 * platform copies into its Key Vault for the RADIUS servers. Offline previews
 * get a placeholder, never a value.
 *
 * No program reads a Key Vault secret's value: the vault refuses public network
 * access, so a runner outside the virtual network could not, and on the first
 * run the vault does not exist yet. Secrets the platform can make come from
 * @pulumi/random (components/security/generated-secret.ts); secrets from outside
 * are read at boot by the servers that need them, inside the virtual network.
 * test/architecture/no-data-plane-reads.test.ts holds the programs to this.
 */
import * as pulumi from "@pulumi/pulumi";

export type SecretMode = "live" | "placeholder";

export function configSecret(key: string, mode: SecretMode): pulumi.Output<string> {
  if (mode === "placeholder") return pulumi.secret(`placeholder:config:${key}`);
  return new pulumi.Config().requireSecret(key);
}
