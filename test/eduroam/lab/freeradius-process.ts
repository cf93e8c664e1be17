/** Runs `freeradius -X` on a tree and stops it again; loopback addresses only. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as dgram from "node:dgram";

export interface CheckResult {
  readonly ok: boolean;
  readonly output: string;
}

/** `freeradius -XC`: parses and instantiates everything, binds nothing. */
export function checkConfig(configDir: string): CheckResult {
  const run = spawnSync("freeradius", ["-XC", "-d", configDir], { encoding: "utf8" });
  const output = `${run.stdout}${run.stderr}`;
  return { ok: run.status === 0 && output.includes("Configuration appears to be OK"), output };
}

/** A free UDP port on a loopback address (bound and released; the OS will not hand it out again at once). */
export async function freeUdpPort(address: string): Promise<number> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, address, () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export class RadiusServer {
  private output = "";
  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Starts freeradius in the foreground with debug output, and waits until it serves. */
  static async start(configDir: string, timeoutMs = 20000): Promise<RadiusServer> {
    const server = new RadiusServer(spawn("freeradius", ["-X", "-d", configDir], { stdio: ["ignore", "pipe", "pipe"] }));
    const started = Date.now();
    while (!server.output.includes("Ready to process requests")) {
      if (server.child.exitCode !== null || Date.now() - started > timeoutMs) {
        await server.stop();
        throw new Error(`freeradius did not start on ${configDir}:\n${server.output.slice(-4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  /** Debug output so far, for assertions and for failure messages. */
  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}
