/**
 * `node dist/scripts/bench/hostile-files.js`: how long validation takes on the
 * worst files a pull request can bring (the largest file of each shape the limits
 * let through to the parser, and a few refused before it), and what it says.
 * A script, not a test: timings on a shared machine are facts to read, not to assert.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { MAX_FILE_BYTES } from "../../tenants/validation/file-limits";
import { loadCommandRegion } from "../region";
import { renderTable } from "../table";

const fill = (unit: string, tail = "") => unit.repeat(Math.floor((MAX_FILE_BYTES - tail.length - 8) / unit.length)) + tail;
const levels = [..."abcdefghi"];

const CASES: ReadonlyArray<[string, string | Buffer]> = [
  ["75,000 keys", Array.from({ length: 75_000 }, (_, i) => `k${i}: 1`).join("\n")],
  ["block keys up to the size limit", fill("k0000: 1\n")],
  ["flow list up to the size limit", `a: [${fill("1,", "1]")}`],
  ["flow nesting up to the size limit", `${"[".repeat(MAX_FILE_BYTES / 2 - 8)}${"]".repeat(MAX_FILE_BYTES / 2 - 8)}`],
  ["block nesting up to the size limit", fill("- ", "x")],
  ["one YAML error per line up to the size limit", fill("]\n")],
  ["alias bomb, nine by nine", levels.map((n, i) => `${n}: &${n} [${Array(9).fill(i === 0 ? "lol" : `*${levels[i - 1]}`).join(", ")}]`).join("\n")],
  ["binary", Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 7919 + 13) % 256))],
];

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-hostile-"));
  const rows: string[][] = [];
  try {
    for (const [label, content] of CASES) {
      const tenantsDir = path.join(dir, label.replace(/[^a-z0-9]+/gi, "-"));
      fs.mkdirSync(tenantsDir);
      fs.writeFileSync(path.join(tenantsDir, "x.yaml"), content);
      const times: number[] = [];
      let first = "";
      for (let run = 0; run < 3; run += 1) {
        const started = process.hrtime.bigint();
        const load = loadCommandRegion({ tenantsDir, platformFile: DEFAULT_PLATFORM_FILE });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        first = load.diagnostics[0]?.message ?? "(valid)";
      }
      const median = times.sort((a, b) => a - b)[1];
      rows.push([label, `${Math.round(Buffer.byteLength(content) / 1024)} KiB`, `${Math.round(median)} ms`, first.length > 70 ? `${first.slice(0, 67)}...` : first]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(renderTable(["file", "size", "validate (median of 3)", "first diagnostic"], rows));
}

main();
