/** Plain-text tables for terminal output: left-aligned text, right-aligned numbers. */
/** A number already in the one format (domain/format/numbers.ts): "93 624", "−1 500", "4,64". */
const FORMATTED_NUMBER = /^[−-]?\d{1,3}( \d{3})*(,\d+)?$/;

export function renderTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === "number" || FORMATTED_NUMBER.test(String(row[i]))));
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
