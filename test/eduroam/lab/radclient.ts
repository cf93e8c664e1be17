/** Sends one RADIUS packet with FreeRADIUS's radclient and reads the reply. */
import { execFile } from "node:child_process";

export interface RadclientResult {
  /** "Access-Accept", "Access-Reject", "Accounting-Response", ... or undefined on timeout. */
  readonly reply?: string;
  /** Reply attributes as radclient prints them, "Name = value" by name. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly output: string;
}

export type PacketType = "auth" | "acct" | "status";

/** `attributes` in radclient's input syntax, e.g. { "User-Name": '"ola@x.example"' }. */
export function radclient(server: { address: string; port: number }, type: PacketType, secret: string, attributes: Record<string, string>): Promise<RadclientResult> {
  // Blast-RADIUS: every request carries Message-Authenticator (radclient fills in 0x00).
  const input = Object.entries({ ...attributes, "Message-Authenticator": "0x00" })
    .map(([name, value]) => `${name} = ${value}`)
    .join(", ");
  return new Promise((resolve) => {
    const child = execFile("radclient", ["-x", "-r", "1", "-t", "3", `${server.address}:${server.port}`, type, secret], (_error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      const at = output.indexOf("Received ");
      const reply = at < 0 ? undefined : /^Received (\S+)/.exec(output.slice(at))?.[1];
      const parsed = new Map<string, string>();
      if (at >= 0) {
        for (const line of output.slice(at).split("\n").slice(1)) {
          const pair = /^\s+(\S+) = (.*)$/.exec(line);
          if (!pair) break;
          parsed.set(pair[1], pair[2].replace(/^"(.*)"$/, "$1"));
        }
      }
      resolve({ reply, attributes: parsed, output });
    });
    child.stdin?.end(`${input}\n`);
  });
}
