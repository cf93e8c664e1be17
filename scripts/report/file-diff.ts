/**
 * Unified diffs of text files, for the report: a changed RADIUS configuration is shown as
 * the change to the generated FreeRADIUS files (decoded from the servers' userData by
 * bundleFromUserData), not as two base64 strings. Pure; no diff package (no new
 * dependencies), a longest-common-subsequence over lines, which the generated files'
 * size (a few hundred lines each) keeps cheap.
 */

/** Beyond this many line pairs the table is not built; the file is reported as changed, with its sizes. */
export const MAX_DIFF_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

function operations(a: readonly string[], b: readonly string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) return undefined;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[at(i, j)] = a[i] === b[j] ? lcs[at(i + 1, j + 1)] + 1 : Math.max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", line: a[i], a: i++, b: j++ });
    // On a tie the old line goes first, as diff(1) prints a changed line: "-" then "+".
    else if (i < n && (j === m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) ops.push({ kind: "-", line: a[i], a: i++, b: j });
    else ops.push({ kind: "+", line: b[j], a: i, b: j++ });
  }
  return ops;
}

const split = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/** The unified diff of one file, `context` lines around each change; "" when the texts are equal. */
export function unifiedDiff(file: string, before: string | undefined, after: string | undefined, context = 3): string {
  if (before === after) return "";
  const a = split(before ?? "");
  const b = split(after ?? "");
  const header = [`--- ${before === undefined ? "/dev/null" : `a/${file}`}`, `+++ ${after === undefined ? "/dev/null" : `b/${file}`}`];
  const ops = operations(a, b);
  if (!ops) return [...header, `@@ file too large to compare line by line: ${a.length} lines → ${b.length} lines @@`].join("\n");
  const changed = ops.map((o, k) => (o.kind !== " " ? k : -1)).filter((k) => k >= 0);
  const out = [...header];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    // A hunk takes in every change within two contexts of the previous one.
    while (k + 1 < changed.length && changed[k + 1] - end <= 2 * context) end = changed[++k];
    end = Math.min(ops.length - 1, end + context);
    const hunk = ops.slice(start, end + 1);
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    const aStart = aCount === 0 ? hunk[0].a : hunk[0].a + 1;
    const bStart = bCount === 0 ? hunk[0].b : hunk[0].b + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`, ...hunk.map((o) => `${o.kind}${o.line}`));
    k += 1;
  }
  return out.join("\n");
}

/** The diffs of every file that differs between two trees (path → text), in path order. */
export function treeDiff(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, context = 3): Array<{ file: string; diff: string }> {
  const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return files.map((file) => ({ file, diff: unifiedDiff(file, before[file], after[file], context) })).filter((d) => d.diff !== "");
}
