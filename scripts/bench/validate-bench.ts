/**
 * `npm run bench:validate [-- --size N --runs R]`: only the bench's validation
 * figure (scripts/bench/bench.ts `measure()`), without the previews: writes the
 * synthetic region of N municipalities (357 by default) to a temporary folder
 * and times `loadCommandRegion` on it, the first (cold) run and the median of R
 * (5 by default) warm runs after it. A script, not a test: timings on a shared
 * machine are facts to read, not to assert.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { loadCommandRegion } from "../region";
import { writeSyntheticRegion } from "./synthetic-region";
import { MAX_SYNTHETIC_SIZE } from "./synth";

function timedLoad(tenantsDir: string, platformFile: string): number {
  const started = process.hrtime.bigint();
  const load = loadCommandRegion({ tenantsDir, platformFile });
  const took = Number(process.hrtime.bigint() - started) / 1e9;
  // An invalid region would time the wrong thing: the rules after a failing layer do not run.
  if (!load.region) throw new Error(`synthetic region invalid: ${load.diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join("; ")}`);
  return took;
}

export function validateBenchMain(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { size: { type: "string", default: "357" }, runs: { type: "string", default: "5" } }, strict: true });
  const size = Number(values.size);
  const runs = Number(values.runs);
  if (!Number.isInteger(size) || size < 1 || size > MAX_SYNTHETIC_SIZE) {
    console.error(`--size must be a whole number from 1 to ${MAX_SYNTHETIC_SIZE}, not "${values.size}".`);
    return 2;
  }
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs must be a whole number of at least 1, not "${values.runs}".`);
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grunnmur-validate-${size}-`));
  try {
    const { tenantsDir, platformFile } = writeSyntheticRegion(dir, size, DEFAULT_PLATFORM_FILE);
    const cold = timedLoad(tenantsDir, platformFile);
    const warm = Array.from({ length: runs }, () => timedLoad(tenantsDir, platformFile)).sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)];
    console.log(`validate ${size} municipalities on ${os.availableParallelism()} CPUs, node ${process.version}`);
    console.log(`  cold (first run):       ${cold.toFixed(3)} s`);
    console.log(`  warm (median of ${runs}):    ${median.toFixed(3)} s   [${warm.map((s) => s.toFixed(3)).join(", ")}]`);
    const verdict = (seconds: number) => (seconds < 1 ? "met" : "MISSED");
    console.log(`  issue 18's target, under 1 s: cold ${verdict(cold)}, warm ${verdict(median)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

if (require.main === module) process.exitCode = validateBenchMain(process.argv.slice(2));
