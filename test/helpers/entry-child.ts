/**
 * Runs dist/stacks/index.js, the program Pulumi runs for users, for one stack
 * under the SDK's mocks in a process of its own, and prints what happened as
 * JSON. Any request the program makes (it should make none: no Key Vault
 * secret is read by a program) is recorded by a fake fetch, with made-up answers.
 */
import * as pulumi from "@pulumi/pulumi";
import { createMocks } from "../../scripts/preview/mocks";

async function main(stack: string): Promise<void> {
  const fetched: string[] = [];
  (globalThis as { fetch: unknown }).fetch = async (url: string) => {
    fetched.push(url);
    return { ok: true, json: async () => ({ value: `fake-${Math.random().toString(36).slice(2)}` }) };
  };
  // Tenant stacks read the platform's outputs, taken from an offline preview of the platform.
  const platformOutputs = process.argv[3] ? (JSON.parse(require("node:fs").readFileSync(process.argv[3], "utf8")) as Record<string, unknown>) : undefined;
  // A fourth argument: the outputs of other stacks by name (e.g. {"hub-finnmark": {...}}), for hub and tenant stacks on a hub.
  const others = process.argv[4] ? (JSON.parse(require("node:fs").readFileSync(process.argv[4], "utf8")) as Record<string, Record<string, unknown>>) : {};
  await pulumi.runtime.setMocks(createMocks({ ...(platformOutputs ? { platform: platformOutputs } : {}), ...others }), "grunnmur", stack, false, "organization");
  const program = require("../../stacks/index") as () => Promise<Record<string, unknown>>;
  try {
    const outputs = await pulumi.runtime.runInPulumiStack(() => program());
    process.stdout.write(JSON.stringify({ ok: true, outputs, fetched }));
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
  }
  process.exit(0);
}

void main(process.argv[2]);
