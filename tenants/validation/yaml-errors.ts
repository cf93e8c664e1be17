/**
 * The yaml package's syntax errors (yaml 2.x error codes, see
 * node_modules/yaml/dist/errors.d.ts) in the words of the file: which key on
 * which line, and which field above it the key was meant to line up with.
 * Indentation mistakes are the common ones in hand-edited files, and the
 * package's own texts ("All mapping items must start at the same column") do
 * not say which parent the key belongs to. Only read when a file has errors,
 * and at most MAX_REPORTED_SYNTAX_ERRORS times, so the scans of the text here
 * cost nothing for a valid file.
 */

/** One written line as far as indentation goes: where its key starts, and whether a value follows the colon. */
interface KeyLine {
  /** 1-based line number. */
  readonly line: number;
  /** 0-based column of the key (after any "- " list markers). */
  readonly column: number;
  readonly key: string;
  readonly hasValue: boolean;
  /** The line starts a list item ("- key: ..."). */
  readonly listItem: boolean;
  /** The line of the "- " that starts the list item this key is in, when it is in one. */
  readonly itemLine?: number;
}

const KEY_LINE = /^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s#'"\-[{][^:#]*?|-[^\s:#][^:#]*?) *:(?: +(.*?))? *$/;

function keyLine(lines: readonly string[], line: number): KeyLine | undefined {
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const m = KEY_LINE.exec(text);
  if (!m) return undefined;
  const value = m[4] ?? "";
  return { line, column: m[1].length + m[2].length, key: m[3].replace(/^["']|["']$/g, ""), hasValue: value !== "" && !value.startsWith("#"), listItem: m[2].length > 0 };
}

function isContent(text: string | undefined): boolean {
  return text !== undefined && !/^\s*(#.*)?$/.test(text);
}

/**
 * The fields a key on `line` could line up with: walking up from the line, each
 * earlier key that is less indented than all the keys seen so far, nearest first.
 * Each entry's parent is the next one in the list.
 */
function levelsAbove(lines: readonly string[], line: number): KeyLine[] {
  const levels: KeyLine[] = [];
  let min = Infinity;
  for (let l = line - 1; l >= 1 && min > 0; l -= 1) {
    if (!isContent(lines[l - 1])) continue;
    const k = keyLine(lines, l);
    if (!k) continue;
    const indent = k.listItem ? (lines[l - 1].length - lines[l - 1].trimStart().length) : k.column;
    if (k.column < min) {
      levels.push(k.listItem ? { ...k, itemLine: l } : k);
      min = indent;
    } else if (k.listItem && k.column === min && levels.length > 0) {
      // The key below is a later field of this list item: its parent is the item, not what holds the list.
      levels[levels.length - 1] = { ...levels[levels.length - 1], itemLine: l };
      min = indent;
    }
  }
  return levels;
}

const spaces = (n: number) => `${n} space${n === 1 ? "" : "s"}`;

function placeUnder(level: KeyLine, parent: KeyLine | undefined): string {
  const where = level.itemLine !== undefined ? `in the list item on line ${level.itemLine}` : parent ? `under "${parent.key}"` : "at the top level";
  const how = level.column === 0 ? `start it in the first column like "${level.key}" (line ${level.line})` : `indent it ${spaces(level.column)} like "${level.key}" (line ${level.line})`;
  return `to put it ${where}, ${how}`;
}

/** A key indented to a column no field above it uses: say which two places it could have been meant for. */
function misalignedKey(lines: readonly string[], line: number): string | undefined {
  const here = keyLine(lines, line);
  if (!here) return undefined;
  const levels = levelsAbove(lines, line);
  const deeper = [...levels].reverse().find((l) => l.column > here.column);
  const shallower = levels.find((l) => l.column < here.column);
  const options: string[] = [];
  if (deeper) options.push(placeUnder(deeper, levels[levels.indexOf(deeper) + 1]));
  if (shallower) options.push(placeUnder(shallower, levels[levels.indexOf(shallower) + 1]));
  if (options.length === 0) return undefined;
  return `"${here.key}" is indented ${spaces(here.column)}, which lines up with no field above it: ${options.join("; or ")}`;
}

/** A key indented under a key that already has a value on its own line ("slug: a" then "  displayName: b"). */
function nestedUnderValue(lines: readonly string[], line: number): { message: string; line: number } | undefined {
  const owner = keyLine(lines, line);
  if (!owner || !owner.hasValue) return undefined;
  let next = line + 1;
  while (next <= lines.length && !isContent(lines[next - 1])) next += 1;
  const child = keyLine(lines, next);
  if (!child || child.column <= owner.column) return undefined;
  const align = owner.column === 0 ? "start it in the first column" : `indent it ${spaces(owner.column)}`;
  return { line: next, message: `"${child.key}" is indented under "${owner.key}", which already has a value on line ${line}; a field holds either a value or fields, so ${align} like "${owner.key}"` };
}

/**
 * The message for one of the yaml package's errors, or undefined to keep the
 * package's own. `line` is where the package puts the error.
 */
export function yamlErrorInWords(code: string, packageMessage: string, text: string, line: number): { message: string; line?: number } | undefined {
  const lines = text.split(/\r?\n/);
  switch (code) {
    case "TAB_AS_INDENT":
      return { message: "is indented with a tab; YAML indents with spaces only, so replace the tab with spaces (two per level, as in the rest of the file)" };
    case "BAD_INDENT": {
      if (/mapping items must start at the same column/i.test(packageMessage)) {
        const message = misalignedKey(lines, line);
        if (message) return { message };
      }
      if (/flow (sequence|mapping)/i.test(packageMessage)) {
        return { message: `a list [ ... ] or map { ... } opened above is not closed before this line; close it with "${/sequence/i.test(packageMessage) ? "]" : "}"}" on the line where it starts` };
      }
      return undefined;
    }
    case "MISSING_CHAR": {
      if (/sequence item without - indicator/i.test(packageMessage)) {
        const message = misalignedKey(lines, line);
        if (message) return { message: `${message}; or start a new list item with "- "` };
      }
      if (/closing .?quote/i.test(packageMessage)) {
        return { message: "a quoted value opened above is not closed; end it with the same quote mark on the line where it starts" };
      }
      return undefined;
    }
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const nested = nestedUnderValue(lines, line);
      if (nested) return nested;
      return { message: 'has a key and a value written after another key on one line ("a: b: c"); put each field on its own line, or quote the value if the colon belongs in it' };
    }
    default:
      return undefined;
  }
}
