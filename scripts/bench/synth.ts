/**
 * `npm run synth -- --size N --out DIR`: writes one of the benchmark's synthetic regions
 * to a folder, so anyone can preview, check or cost it with the normal commands
 * (`grunnmur preview --tenants DIR/tenants --platform DIR/platform.yaml`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { writeSyntheticRegion } from "./synthetic-region";

/** 742 sites is what the documentation address ranges hold; one site per municipality. */
export const MAX_SYNTHETIC_SIZE = 742;

export function synthMain(argv: readonly string[]): number {
  let values: { size?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { size: { type: "string" }, out: { type: "string" } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\nUsage: npm run synth -- --size N --out DIR`);
    return 2;
  }
  const size = Number(values.size);
  if (!Number.isInteger(size) || size < 1 || size > MAX_SYNTHETIC_SIZE) {
    console.error(`--size must be a whole number from 1 to ${MAX_SYNTHETIC_SIZE}, not "${values.size ?? ""}".\nUsage: npm run synth -- --size N --out DIR`);
    return 2;
  }
  if (!values.out) {
    console.error("--out DIR is required: the folder to write platform.yaml and tenants/ into.\nUsage: npm run synth -- --size N --out DIR");
    return 2;
  }
  const out = path.resolve(values.out);
  // Never mix a new region into an old one: stale tenant files would join it silently.
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    console.error(`${out} is not empty; give an empty or new folder, so no old tenant file joins the region.`);
    return 2;
  }
  fs.mkdirSync(out, { recursive: true });
  const { tenantsDir, platformFile, slugs } = writeSyntheticRegion(out, size, DEFAULT_PLATFORM_FILE);
  const rel = (p: string) => path.relative(process.cwd(), p) || ".";
  console.log(`Wrote a synthetic region of ${slugs.length} municipalities: ${rel(platformFile)} and ${rel(tenantsDir)}/.`);
  console.log(`Preview it with: node bin/grunnmur.js preview --tenants ${rel(tenantsDir)} --platform ${rel(platformFile)}`);
  return 0;
}

if (require.main === module) process.exitCode = synthMain(process.argv.slice(2));
