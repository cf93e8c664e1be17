/**
 * Public suffixes: names under which many unrelated owners register their own
 * domains, so the suffix itself belongs to nobody. A municipality can own
 * "senja.kommune.no" but never "kommune.no": a realm or a registered domain
 * that is a public suffix would claim every municipality's users at once.
 *
 * Source: the Public Suffix List, https://publicsuffix.org/list/public_suffix_list.dat
 * (Mozilla Public License 2.0). Only the entries that matter for a Norwegian
 * region are embedded, and they are never fetched at run time, so validation
 * works offline and gives the same answer every time:
 * - Norway (ICANN section, from Norid's rules https://www.norid.no/en/om-domenenavn/regelverk-for-no/):
 *   the category second-level domains (appendix C and D, which includes
 *   kommune.no and herad.no), the county domains and their gs.<county>.no
 *   school domains (appendix B), and the geographic domains of the
 *   municipalities in Troms and Finnmark (appendix B) in their ASCII spelling.
 *   Names with æ, ø, å or Sámi letters arrive here as xn-- labels and are not
 *   listed; the platform team's registration (platform.yaml `domains`) is
 *   what lets any name through in the first place.
 * - Common second-level suffixes elsewhere (co.uk, ac.uk, com.au, ...) and a
 *   few from the list's private section where anyone can get a name
 *   (github.io, azurewebsites.net, cloudapp.net, blogspot.com).
 * - Every single label: the list's default rule "*" makes each top-level
 *   domain a public suffix (no, com, org, edu, ...).
 * Update from the list when Norid or SSB changes the region's names.
 */
import { normaliseDomain } from "./domain-names";

const NORWAY_CATEGORY = ["fhs", "vgs", "fylkesbibl", "folkebibl", "museum", "idrett", "priv", "mil", "stat", "dep", "kommune", "herad"];

const NORWAY_COUNTIES = ["aa", "ah", "bu", "fm", "hl", "hm", "jan-mayen", "mr", "nl", "nt", "of", "ol", "oslo", "rl", "sf", "st", "svalbard", "tm", "tr", "va", "vf"];

/** Geographic .no domains of the municipalities in Troms (55xx) and Finnmark (56xx): old names and Sámi names included. */
const TROMS_AND_FINNMARK = [
  "alta", "balsfjord", "bardu", "batsfjord", "berg", "berlevag", "dyroy", "gamvik", "gratangen", "hammerfest", "harstad",
  "hasvik", "ibestad", "karasjok", "karlsoy", "kautokeino", "kafjord", "kvafjord", "kvalsund", "kvanangen", "lavangen",
  "lebesby", "lenvik", "loppa", "lyngen", "malselv", "masoy", "nesseby", "nordkapp", "nordreisa", "porsanger", "salangen",
  "skanland", "skjervoy", "sor-varanger", "sorreisa", "storfjord", "tana", "tjeldsund", "torsken", "tranoy", "tromso",
  "vadso", "vardo",
  // Sámi names, in the spelling the list gives without diacritics
  "bahccavuotna", "bahcavuotna", "beardu", "bearalvahki", "davvenjarga", "davvesiida", "deatnu", "dielddanuorri", "gaivuotna",
  "galsa", "giehtavuoatna", "guovdageaidnu", "hammarfeasta", "ivgu", "karasjohka", "lahppi", "loabat", "malatvuopmi",
  "matta-varjjat", "muosat", "navuotna", "omasvuotna", "porsangu", "rahkkeravju", "raisa", "romsa", "siellak", "skanit",
  "skierva", "tromsa", "unjarga",
];

const ELSEWHERE = [
  "co.uk", "ac.uk", "gov.uk", "org.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "sch.uk",
  "com.au", "edu.au", "gov.au", "net.au", "org.au", "co.nz", "ac.nz", "govt.nz",
  "co.jp", "ac.jp", "go.jp", "ne.jp", "or.jp", "co.za", "ac.za", "com.br", "edu.cn", "com.cn", "ac.in", "co.in",
  "ac.se", "org.se", "pp.se", "tm.se", "aland.fi",
  "github.io", "azurewebsites.net", "cloudapp.net", "blogspot.com",
];

/** The embedded suffixes of two labels or more (single labels are all suffixes). Internal; exported for tests. */
export const PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  ...NORWAY_CATEGORY.map((name) => `${name}.no`),
  ...NORWAY_COUNTIES.map((county) => `${county}.no`),
  ...NORWAY_COUNTIES.map((county) => `gs.${county}.no`),
  ...TROMS_AND_FINNMARK.map((name) => `${name}.no`),
  ...ELSEWHERE,
]);

/** Whether `name` is itself a public suffix, ignoring case and a trailing dot. */
export function isPublicSuffix(name: string): boolean {
  const normal = normaliseDomain(name);
  return !normal.includes(".") || PUBLIC_SUFFIXES.has(normal);
}
