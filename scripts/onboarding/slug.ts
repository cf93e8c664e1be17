/**
 * Stable ASCII slugs from municipality names: "Kvænangen kommune" becomes
 * "kvaenangen", "Gáivuotna – Kåfjord – Kaivuono" becomes "gaivuotna-kafjord-kaivuono".
 * A slug that is taken gets the kommunenummer appended, so it never collides.
 */
import { foldToAscii } from "../../domain/azure/names";

export function slugFromName(name: string): string {
  const withoutSuffix = name.replace(/\s+(kommune|gielda|suohkan|kunta)\s*$/i, "");
  return foldToAscii(withoutSuffix)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

export function uniqueSlug(name: string, kommunenummer: string, taken: ReadonlySet<string>): string {
  const base = slugFromName(name);
  if (!base) throw new Error(`"${name}" gives no usable slug; pass --slug with lower-case letters, e.g. --slug kvaenangen`);
  return taken.has(base) ? `${base.slice(0, 35)}-${kommunenummer}` : base;
}
