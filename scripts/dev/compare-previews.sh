#!/usr/bin/env bash
# Shows that a change of code leaves the offline previews of the example region
# unchanged: previews the region at REF (default: the previous commit) and at
# the working tree, and compares every out/preview/<stack>.json byte for byte,
# apart from the top-level "formatVersion" field that REF may lack.
#
#   bash scripts/dev/compare-previews.sh [--ignore-resource-field NAME]... [REF]
#
# --ignore-resource-field leaves a field of every resource out of the comparison,
# e.g. "provider" against a REF from before providers were recorded, to show that
# nothing but the new field changed.
#
# Needs node_modules (npm ci) and git history containing REF. Exit 0 when identical.
set -euo pipefail
cd "$(dirname "$0")/../.."
IGNORED=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --ignore-resource-field) IGNORED+=("$2"); shift 2 ;;
    *) break ;;
  esac
done
REF="${1:-HEAD~1}"
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/ref" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

echo "previewing $REF ($(git rev-parse --short "$REF"))"
git worktree add --detach "$WORK/ref" "$REF" >/dev/null 2>&1
ln -s "$PWD/node_modules" "$WORK/ref/node_modules"
(cd "$WORK/ref" && npx tsc -p tsconfig.json && node bin/grunnmur.js preview --out "$WORK/before" >/dev/null)

echo "previewing the working tree"
npx tsc -p tsconfig.json
node bin/grunnmur.js preview --out "$WORK/after" >/dev/null

node - "$WORK/before" "$WORK/after" ${IGNORED[@]+"${IGNORED[@]}"} <<'JS'
const fs = require("fs"), path = require("path");
const [before, after, ...ignored] = process.argv.slice(2);
// Serialise without the version field (and the ignored resource fields), exactly as the preview writes files (2-space JSON + newline).
const normal = (file) => {
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  delete data.formatVersion;
  for (const r of data.resources ?? []) for (const field of ignored) delete r[field];
  return `${JSON.stringify(data, null, 2)}\n`;
};
const raw = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const a = raw(before), b = raw(after);
let problems = 0;
for (const f of new Set([...a, ...b])) {
  if (!a.includes(f) || !b.includes(f)) { console.log(`${f}: only in ${a.includes(f) ? "the reference" : "the working tree"}`); problems++; continue; }
  const x = normal(path.join(before, f)), y = normal(path.join(after, f));
  // The reference's own bytes must also be what the normal form gives, or the comparison would hide a difference.
  const exactRef = fs.readFileSync(path.join(before, f), "utf8") === x || "formatVersion" in JSON.parse(fs.readFileSync(path.join(before, f), "utf8")) || ignored.length > 0;
  if (x !== y || !exactRef) {
    const xl = x.split("\n"), yl = y.split("\n");
    const i = xl.findIndex((l, n) => l !== yl[n]);
    console.log(`${f}: differs at line ${i + 1}\n  before: ${xl[i]}\n  after:  ${yl[i]}`);
    problems++;
  } else console.log(`${f}: identical`);
}
console.log(problems === 0 ? `all ${a.length} preview files identical` : `${problems} of ${Math.max(a.length, b.length)} preview files differ`);
process.exit(problems === 0 ? 0 : 1);
JS
