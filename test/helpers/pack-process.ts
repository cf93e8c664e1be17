/**
 * Talks to the policy pack the way the Pulumi CLI does: starts policies/ as a
 * plugin process (it prints its gRPC port) and calls the analyzer service.
 * The protocol modules come with @pulumi/pulumi, which the pack runs on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";

/* eslint-disable @typescript-eslint/no-require-imports */
const grpc = require("@grpc/grpc-js");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

export interface Diagnostic {
  readonly policy: string;
  readonly message: string;
  readonly mandatory: boolean;
}

export interface AnalyzedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, unknown>;
  readonly protect?: boolean;
  readonly propertyDependencies?: Record<string, string[]>;
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: ReadonlyArray<{ readonly name: string; readonly mandatory: boolean; readonly configKeys: string[] }>;
}

export interface PackProcess {
  /** What the Pulumi CLI asks first: the pack's name, version and policies. */
  info(): Promise<PackInfo>;
  analyze(resource: AnalyzedResource): Promise<Diagnostic[]>;
  analyzeStack(resources: readonly AnalyzedResource[]): Promise<Diagnostic[]>;
  stop(): void;
}

/** Sets what analyze and analyzeStack requests share: type, name, URN, properties, options. */
function describe<T extends { setType(v: string): T; setName(v: string): T; setUrn(v: string): T; setProperties(v: unknown): T; setOptions(v: unknown): T }>(
  message: T,
  resource: AnalyzedResource,
): T {
  const opts = new pb.AnalyzerResourceOptions();
  opts.setProtect(Boolean(resource.protect));
  return message.setType(resource.type).setName(resource.name).setUrn(resource.urn).setProperties(Struct.fromJavaScript(resource.props)).setOptions(opts);
}

function diagnostics(resolve: (d: Diagnostic[]) => void, reject: (e: unknown) => void) {
  return (err: unknown, response: { getDiagnosticsList(): Array<{ getPolicyname(): string; getMessage(): string; getEnforcementlevel(): number }> }) => {
    if (err) return reject(err);
    resolve(response.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), message: d.getMessage(), mandatory: d.getEnforcementlevel() === pb.EnforcementLevel.MANDATORY })));
  };
}

/** Starts the pack with the tenant and platform files given (for waivers). */
export function startPack(files: { tenantsDir: string; platformFile: string }): Promise<PackProcess> {
  const child: ChildProcess = spawn(process.execPath, ["-e", 'require(".")'], {
    cwd: path.join(REPO_ROOT, "policies"),
    env: { ...process.env, GRUNNMUR_TENANTS_DIR: files.tenantsDir, GRUNNMUR_PLATFORM_FILE: files.platformFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${stderr}`)));
    child.stdout?.once("data", (chunk: Buffer) => {
      const port = Number(chunk.toString().trim().split("\n")[0]);
      const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      resolve({
        info: () =>
          new Promise((ok, fail) => {
            const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
            client.getAnalyzerInfo(new Empty(), (err: unknown, info: any) => {
              if (err) return fail(err);
              ok({
                name: info.getName(),
                version: info.getVersion(),
                policies: info.getPoliciesList().map((p: any) => ({
                  name: p.getName(),
                  mandatory: p.getEnforcementlevel() === pb.EnforcementLevel.MANDATORY,
                  configKeys: Object.keys(p.getConfigschema()?.getProperties()?.toJavaScript() ?? {}),
                })),
              });
            });
          }),
        analyze: (resource) =>
          new Promise((ok, fail) => {
            client.analyze(describe(new pb.AnalyzeRequest(), resource), diagnostics(ok, fail));
          }),
        analyzeStack: (resources) =>
          new Promise((ok, fail) => {
            const req = new pb.AnalyzeStackRequest();
            for (const resource of resources) {
              const r = describe(new pb.AnalyzerResource(), resource);
              for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                r.getPropertydependenciesMap().set(key, new pb.AnalyzerPropertyDependencies().setUrnsList(urns));
              }
              req.addResources(r);
            }
            client.analyzeStack(req, diagnostics(ok, fail));
          }),
        stop: () => {
          client.close();
          child.removeAllListeners("exit");
          child.kill();
        },
      });
    });
  });
}
