/**
 * The README's "Layout" table is how a newcomer finds a concept by its folder name, and
 * the docs link into the code. Both go stale without anyone noticing when folders move,
 * so this test holds them to the tree git tracks.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// Tests run compiled from dist/test/unit, three levels below the repository root.
const REPO_ROOT = path.join(__dirname, "../../..");

function trackedFiles(): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  } catch (err) {
    throw new Error(`"git ls-files" failed in ${REPO_ROOT}; this test needs a git checkout: ${String(err)}`);
  }
}

const TRACKED = trackedFiles();
const TRACKED_SET = new Set(TRACKED);
/** Every folder that holds a tracked file, at any depth ("docs", "tenants/schema", ...). */
const TRACKED_FOLDERS = new Set(TRACKED.flatMap((file) => file.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));

/** Top-level folders that hold tracked files, dot-folders (.github, .ci) included. */
function topLevelFolders(): string[] {
  return [...new Set(TRACKED.filter((f) => f.includes("/")).map((f) => f.split("/")[0]))].sort();
}

function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, relative), "utf8");
}

/**
 * The Markdown with code blocks and code spans blanked out, line for line, so neither
 * example text nor a `# comment` in a YAML block is taken for a link or a heading.
 */
function withoutCode(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split("\n").map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return "";
    }
    if (marker) {
      fence = marker;
      return "";
    }
    return line.replace(/(`+)[\s\S]*?\1/g, (code) => " ".repeat(code.length));
  });
}

interface LayoutRow {
  readonly line: number;
  readonly firstCell: string;
  readonly folder: string | undefined;
  readonly description: string;
}

/** The rows of the first table under "## Layout", with 1-based line numbers. */
function layoutRows(readme: string): LayoutRow[] | undefined {
  const lines = readme.split("\n");
  const heading = lines.findIndex((l) => /^##\s+Layout\s*$/.test(l));
  if (heading < 0) return undefined;
  const rows: LayoutRow[] = [];
  let inTable = false;
  for (let i = heading + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (/^#{1,2}\s/.test(line)) break;
    if (!line.startsWith("|")) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push({ line: i + 1, firstCell: cells[0], folder: /^`([^`\s/]+)\/`$/.exec(cells[0])?.[1], description: cells.slice(1).join("|").trim() });
  }
  // The first row is the table's header ("folder | what is in it").
  return rows.slice(1);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function headingAnchor(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  // Headings are read from the raw lines (code spans in them count) but never inside code blocks.
  const raw = markdown.split("\n");
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  withoutCode(markdown).forEach((blanked, i) => {
    if (!/^\s{0,3}#{1,6}\s/.test(blanked)) return;
    const base = headingAnchor(raw[i].replace(/^\s{0,3}#{1,6}\s+/, "").replace(/\s+#+\s*$/, ""));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  });
  return anchors;
}

interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

function linksIn(file: string, markdown = readRepoFile(file)): Link[] {
  // Matched over the whole text, because a link's words may wrap onto the next line.
  const text = withoutCode(markdown).join("\n");
  const lineAt = (index: number) => text.slice(0, index).split("\n").length;
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?/gm)];
  return [...inline, ...definitions].map((m) => ({ file, line: lineAt(m.index ?? 0), target: m[1] }));
}

/** What is wrong with a link, or undefined when it points at something in the repository. */
function brokenLink(link: Link): string | undefined {
  const where = `${link.file}:${link.line} links to ${link.target}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.target) || link.target.startsWith("//")) return undefined; // a web address
  const [pathPart, fragment] = link.target.split("#", 2);
  const decoded = decodeURIComponent(pathPart.split("?")[0]);
  const absolute = decoded === "" ? path.join(REPO_ROOT, link.file) : decoded.startsWith("/") ? path.join(REPO_ROOT, decoded) : path.join(REPO_ROOT, path.dirname(link.file), decoded);
  const relative = path.relative(REPO_ROOT, absolute).split(path.sep).join("/");
  if (relative.startsWith("..")) return `${where}, which is outside the repository`;
  const isFile = TRACKED_SET.has(relative);
  const isFolder = relative === "" || TRACKED_FOLDERS.has(relative.replace(/\/$/, ""));
  if (!isFile && !isFolder) return `${where}, but ${relative} is not a file or folder tracked by git`;
  if (!fs.existsSync(absolute)) return `${where}, but ${relative} is tracked by git and missing on disk`;
  if (fragment && isFile && relative.endsWith(".md") && !anchorsOf(readRepoFile(relative)).has(fragment)) {
    return `${where}, but ${relative} has no heading with the anchor #${fragment}`;
  }
  return undefined;
}

describe("the README's Layout table", () => {
  const readme = readRepoFile("README.md");
  const rows = layoutRows(readme);

  it("exists under a heading '## Layout'", () => {
    expect(rows === undefined ? "README.md has no '## Layout' heading with a table under it" : rows.length > 0 ? "ok" : "the table under '## Layout' has no rows").toBe("ok");
  });

  it("names one top-level folder per row, as `folder/`", () => {
    const notFolders = (rows ?? []).filter((r) => r.folder === undefined).map((r) => `README.md:${r.line}: "${r.firstCell}" is not a folder written as \`name/\``);
    expect(notFolders).toEqual([]);
  });

  it("lists each folder once", () => {
    const counts = new Map<string, number[]>();
    for (const r of rows ?? []) if (r.folder) counts.set(r.folder, [...(counts.get(r.folder) ?? []), r.line]);
    const repeated = [...counts].filter(([, lines]) => lines.length > 1).map(([folder, lines]) => `\`${folder}/\` is listed on lines ${lines.join(", ")}`);
    expect(repeated).toEqual([]);
  });

  it("describes every folder", () => {
    const undescribed = (rows ?? []).filter((r) => r.folder && r.description === "").map((r) => `README.md:${r.line}: \`${r.folder}/\` has no description`);
    expect(undescribed).toEqual([]);
  });

  it("lists exactly the top-level folders git tracks files in", () => {
    const listed = new Set((rows ?? []).flatMap((r) => (r.folder ? [r.folder] : [])));
    const tree = topLevelFolders();
    expect({
      missingFromTable: tree.filter((f) => !listed.has(f)).map((f) => `${f}/ holds tracked files but has no row in README.md's Layout table`),
      notInTree: [...listed].filter((f) => !tree.includes(f)).map((f) => `${f}/ is in README.md's Layout table but git tracks no file in it`),
    }).toEqual({ missingFromTable: [], notInTree: [] });
  });
});

describe("links in README.md and docs/", () => {
  const files = ["README.md", ...TRACKED.filter((f) => f.startsWith("docs/") && f.endsWith(".md"))];
  // Docs written but not yet added to git would otherwise be skipped without a word.
  const untrackedDocs = fs.existsSync(path.join(REPO_ROOT, "docs"))
    ? fs
        .readdirSync(path.join(REPO_ROOT, "docs"), { recursive: true, encoding: "utf8" })
        .map((f) => `docs/${f.split(path.sep).join("/")}`)
        .filter((f) => f.endsWith(".md") && !TRACKED_SET.has(f))
    : [];

  it("checks every Markdown file in docs/", () => {
    expect(untrackedDocs.map((f) => `${f} is not tracked by git; add it so its links are checked`)).toEqual([]);
  });

  it("point to files and headings that exist in the repository", () => {
    const broken = files.flatMap((file) => linksIn(file)).flatMap((link) => brokenLink(link) ?? []);
    expect(broken).toEqual([]);
  });
});

describe("the link checker", () => {
  it("reads GitHub's anchors from headings", () => {
    expect(headingAnchor("What a municipality gets (tenant stack `<slug>`)")).toBe("what-a-municipality-gets-tenant-stack-slug");
    expect(headingAnchor("Costs: the service catalogue and `grunnmur cost`")).toBe("costs-the-service-catalogue-and-grunnmur-cost");
  });

  it("finds a link whose words wrap onto the next line", () => {
    expect(linksIn("x.md", "one\nsee [the address\nplan](docs/a.md#b) and\n[ref]: ../c.md")).toEqual([
      { file: "x.md", line: 2, target: "docs/a.md#b" },
      { file: "x.md", line: 4, target: "../c.md" },
    ]);
  });

  it("ignores links inside code", () => {
    expect(withoutCode("see `[a](missing.md)`\n```\n[b](missing.md)\n```").join("\n")).not.toMatch(/missing/);
  });
});
