/**
 * What a file must be before the YAML parser sees it. A tenant file comes from a
 * pull request nobody has reviewed yet, and CI is the only gate before merge: a
 * file must never hang or crash CI, nor read what is outside the repository. So
 * only regular `<slug>.yaml` files are read, never through a symbolic link, never
 * more than MAX_FILE_BYTES, and only as plain UTF-8 text; what the YAML inside may
 * hold is limited in yaml-limits.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "./diagnostic";

/**
 * Largest file read: 64 KiB. The largest example file (tenants/senja.yaml, every
 * section) is 2.3 KB and platform.yaml 4.7 KB, so a municipality with hundreds of
 * systems and access points still fits 20 times over. The parser takes 20-40 µs
 * per key or list item, so the worst file of this size parses in about a second
 * on CI's two cores; without a limit, 75,000 keys (740 KB) took minutes with the
 * parser's own duplicate-key check and seconds without it.
 */
export const MAX_FILE_BYTES = 64 * 1024;

/** Tenant files are `<slug>.yaml`; this is what one of another spelling looks like (`.yml`, `.YAML`, `x.yaml.orig`). */
const YAML_LIKE = /\.ya?ml(\.|~|$)/i;
const TENANT_FILE = /\.yaml$/;

/** Characters that do not belong in a text file, or that make it read differently in review than it parses. */
const FORBIDDEN_CHARACTERS: ReadonlyArray<[RegExp, string]> = [
  [/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, "a control character"],
  // "Trojan Source" (CVE-2021-42574): bidirectional controls reorder what a reviewer sees.
  [/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, "a bidirectional text control, which makes the text show in another order than it is read"],
];

/** A tenant file to read, or why an entry of the tenants folder that looks like one is not read; undefined for the folder's other entries (README.md, schema/, *.ts). */
export function tenantEntry(dir: string, entry: string, shownAs: (file: string) => string): { file: string } | { problem: Diagnostic } | undefined {
  const full = path.join(dir, entry);
  if (!YAML_LIKE.test(entry)) return undefined;
  const problem = (message: string) => ({ problem: { file: shownAs(full), path: [], message } });
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(full);
  } catch (err) {
    return problem(`cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (stat.isSymbolicLink()) {
    return problem("is a symbolic link; a tenant file must be a regular file in the tenants folder (a link could point anywhere), so replace the link with the file itself");
  }
  if (stat.isDirectory()) return problem("is a folder, not a tenant file; tenant files are <slug>.yaml files directly in the tenants folder");
  if (!stat.isFile()) return problem("is not a regular file (a pipe, socket or device); a tenant file is a plain text file");
  if (!TENANT_FILE.test(entry)) {
    const base = entry.replace(/\.ya?ml.*$/i, "");
    if (/\.ya?ml$/i.test(entry)) return problem(`tenant files end in .yaml; rename it to ${base}.yaml`);
    return problem(`is not read: tenant files end in .yaml, and this looks like a copy of one; remove it, or rename it to ${base}.yaml if it is a tenant file`);
  }
  return { file: full };
}

/** Where readYamlText reads into; only the bytes of the current file are ever looked at. */
let scratch: Buffer | undefined;

export type FileText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** The text of a YAML file, or why it is not read: not a regular file, too large, not UTF-8, or holding characters no text file needs. */
export function readYamlText(file: string, shown: string): FileText {
  const fail = (message: string, line?: number, column?: number): FileText => ({ ok: false, diagnostics: [{ file: shown, line, column, path: [], message }] });
  let bytes: Buffer;
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return fail("is a symbolic link; give the file itself");
    if (!stat.isFile()) return fail("is not a regular file; give a YAML file");
    if (stat.size > MAX_FILE_BYTES) return fail(tooLarge(stat.size));
    // Read at most one byte over the limit, in case the file grew since lstat.
    const fd = fs.openSync(file, "r");
    try {
      // One buffer for every file (64 KiB zero-filled per file was 23 MB for 357 files); the text is copied out of it below.
      scratch ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
      const read = fs.readSync(fd, scratch, 0, scratch.length, 0);
      if (read > MAX_FILE_BYTES) return fail(tooLarge(read));
      bytes = scratch.subarray(0, read);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return fail(`cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail("is UTF-16 text; save it as UTF-8", 1, 1);
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== undefined) {
    const { line, column } = positionOfByte(bytes, invalid);
    return fail(`byte 0x${bytes[invalid].toString(16).padStart(2, "0")} is not UTF-8; a tenant file is UTF-8 text, so save it as UTF-8 (or remove binary content)`, line, column);
  }
  const text = bytes.toString("utf8");
  for (const [pattern, what] of FORBIDDEN_CHARACTERS) {
    const match = pattern.exec(text);
    if (match) {
      const before = text.slice(0, match.index);
      const line = before.split("\n").length;
      const column = match.index - before.lastIndexOf("\n");
      const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      return fail(`holds U+${code}, ${what}; remove it`, line, column);
    }
  }
  return { ok: true, text };
}

function tooLarge(size: number): string {
  return `is ${size.toLocaleString("en-US")} bytes; a file may be at most ${MAX_FILE_BYTES.toLocaleString("en-US")} bytes (64 KiB), far more than a municipality's file needs, so remove what does not belong`;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or values above U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return undefined;
}

/** Line and column (in characters) of a byte offset; the bytes before it are valid UTF-8. */
function positionOfByte(bytes: Buffer, offset: number): { line: number; column: number } {
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i += 1) if (bytes[i] === 0x0a) line += 1;
  return { line, column: bytes.subarray(lineStart, offset).toString("utf8").length + 1 };
}
