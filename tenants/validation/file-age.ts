/**
 * Which of two conflicting files caused the conflict. When a new file copies
 * Senja's kommunenummer or lands its spoke on Senja's block, the error belongs
 * in the new file: Senja changed nothing and must never be told to renumber.
 *
 * How new each file is comes from git, which tenants/ must not run (the layers,
 * test/architecture/imports.test.ts): scripts/ci/file-history.ts asks git and
 * passes the answer in as data. Without it (no repository, the Pulumi entry)
 * every file is equally old and the rules fall back to their own tie-break.
 */
import * as path from "node:path";
import type { TenantInput } from "./checked-files";

/** How a file stands against the base the change is compared with. */
export interface FileAge {
  /** "added": new against the base (or untracked); "modified": changed; "unchanged": as on the base. */
  readonly change: "added" | "modified" | "unchanged";
  /** When git last committed the file, in seconds since 1970; undefined when never committed. */
  readonly committedAt?: number;
}

export interface FileHistory {
  /** By absolute path. A file not listed counts as unchanged and as old as can be. */
  readonly files: ReadonlyMap<string, FileAge>;
}

/** Ranks files from the most established (lowest) to the newest; equal ranks are equally old. */
export interface BlameOrder {
  rank(file: string): number;
}

const CHANGE_RANK = { unchanged: 0, modified: 1, added: 2 } as const;
/** Commit times are seconds well below 2^32; a file never committed sorts after every commit. */
const NEVER_COMMITTED = 2 ** 32 - 1;

/** Every file equally old: the rules' own tie-breaks decide (today's rule before git was asked). */
export const SAME_AGE: BlameOrder = { rank: () => 0 };

export function blameOrder(history: FileHistory | undefined): BlameOrder {
  if (!history) return SAME_AGE;
  return {
    rank(file) {
      const age = history.files.get(path.resolve(file));
      if (!age) return 0;
      const committed = age.committedAt ?? (age.change === "unchanged" ? 0 : NEVER_COMMITTED);
      // Whether the file changed against the base comes first; when it was committed breaks ties.
      return CHANGE_RANK[age.change] * 2 ** 32 + Math.min(committed, NEVER_COMMITTED);
    },
  };
}

/**
 * Tenants from the most established to the newest. Rules across files report a
 * conflict on the later of the two, so this order puts the blame on the file
 * that is new or changed. Between files of the same age, one named after its
 * slug is the original and a file under another name the copy; then the order
 * given (the directory listing) decides.
 */
export function establishedFirst<T extends TenantInput>(tenants: readonly T[], order: BlameOrder): T[] {
  return tenants
    .map((tenant, index) => ({ tenant, index, rank: order.rank(tenant.source.file), copy: Number(!namedAfterSlug(tenant)) }))
    .sort((a, b) => a.rank - b.rank || a.copy - b.copy || a.index - b.index)
    .map((entry) => entry.tenant);
}

export function namedAfterSlug(tenant: TenantInput): boolean {
  return tenant.source.file.replace(/\\/g, "/").split("/").pop() === `${tenant.spec.slug}.yaml`;
}
