/**
 * Runs wpa_supplicant's eapol_test as an access point and its user would: a
 * full PEAP or TTLS exchange from a chosen loopback source address, and reads
 * back the attributes of the final RADIUS reply.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export type EapMethod = "PEAP-MSCHAPv2" | "TTLS-PAP";

export interface EapolRequest {
  readonly method: EapMethod;
  readonly identity: string;
  /** Outer identity; defaults to "@" + the identity's realm. */
  readonly anonymousIdentity?: string;
  readonly password: string;
  readonly server: { readonly address: string; readonly port: number };
  /** The access point: source address and its shared secret. */
  readonly source: string;
  readonly secret: string;
  readonly caFile: string;
  readonly serverName: string;
  readonly workDir: string;
}

export interface EapolResult {
  /** 0 when authenticated; eapol_test exits non-zero on Access-Reject or timeout. */
  readonly code: number;
  readonly output: string;
  /** The last RADIUS reply: "Access-Accept", "Access-Reject", or undefined when none came. */
  readonly reply?: string;
  /** Its attributes by number, values decoded to text. */
  readonly attributes: ReadonlyMap<number, string>;
}

const PHASE2: Record<EapMethod, { eap: string; phase2: string }> = {
  "PEAP-MSCHAPv2": { eap: "PEAP", phase2: "auth=MSCHAPV2" },
  "TTLS-PAP": { eap: "TTLS", phase2: "auth=PAP" },
};

function quoted(value: string): string {
  if (/["\n]/.test(value)) throw new Error(`internal: ${value} cannot go into a wpa_supplicant config`);
  return `"${value}"`;
}

/** The attributes of the last reply in eapol_test's debug output. */
export function lastReply(output: string): { reply?: string; attributes: Map<number, string> } {
  const attributes = new Map<number, string>();
  const start = output.lastIndexOf("Received RADIUS message");
  if (start < 0) return { attributes };
  const lines = output.slice(start).split("\n");
  const reply = /code=\d+ \(([^)]+)\)/.exec(lines[1] ?? "")?.[1];
  for (let i = 2; i < lines.length; i += 1) {
    const attr = /^\s+Attribute (\d+) \(/.exec(lines[i]);
    if (!attr) {
      if (!/^\s+Value:/.test(lines[i])) break;
      continue;
    }
    const value = /^\s+Value: (?:'(.*)'|([0-9a-f]+))$/.exec(lines[i + 1] ?? "");
    if (value) attributes.set(Number(attr[1]), value[1] ?? Buffer.from(value[2], "hex").toString("latin1"));
  }
  return { reply, attributes };
}

export async function eapolTest(request: EapolRequest): Promise<EapolResult> {
  const realm = request.identity.slice(request.identity.indexOf("@"));
  const method = PHASE2[request.method];
  const config = [
    "network={",
    "\tkey_mgmt=WPA-EAP",
    `\teap=${method.eap}`,
    `\tidentity=${quoted(request.identity)}`,
    `\tanonymous_identity=${quoted(request.anonymousIdentity ?? realm)}`,
    `\tpassword=${quoted(request.password)}`,
    `\tphase2=${quoted(method.phase2)}`,
    `\tca_cert=${quoted(request.caFile)}`,
    `\tdomain_suffix_match=${quoted(request.serverName)}`,
    "}",
    "",
  ].join("\n");
  fs.mkdirSync(request.workDir, { recursive: true });
  const file = path.join(request.workDir, `eapol-${process.hrtime.bigint()}.conf`);
  fs.writeFileSync(file, config);
  const args = ["-c", file, "-a", request.server.address, "-p", String(request.server.port), "-s", request.secret, "-A", request.source, "-r0", "-t15"];
  return new Promise((resolve) => {
    execFile("eapol_test", args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      resolve({ code: error ? Number(error.code ?? 1) : 0, output, ...lastReply(output) });
    });
  });
}
