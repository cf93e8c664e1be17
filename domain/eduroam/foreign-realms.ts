/**
 * Well-known realms that belong to someone outside the region. Our RADIUS
 * servers answer locally for every realm in the plan and send all others to
 * the national proxies (docs/eduroam.md), so a municipality that put one of
 * these in its file would capture the users of that realm at its access
 * points: their passwords would be checked against its directory instead of
 * reaching their home institution. The platform team's domain registry
 * (platform.yaml `domains`) is the main defence; this list stops a wrong
 * registration of the most tempting names too.
 *
 * A small list, kept by hand and never fetched at run time:
 * - the eduroam operators: GÉANT runs eduroam.org (https://eduroam.org) and
 *   geant.org; Sikt (sikt.no, formerly Uninett, uninett.no) is Norway's
 *   eduroam operator and runs Feide (feide.no); and eduroam.<country> in
 *   general (see `isEduroamOperatorName`);
 * - the largest Norwegian universities' realms, whose staff and students
 *   roam most in this region: UiT The Arctic University of Norway (uit.no,
 *   in Tromsø), Nord University (nord.no), UiO (uio.no), NTNU (ntnu.no),
 *   UiB (uib.no);
 * - consumer mail and identity providers, whose users are never a
 *   municipality's: Google (gmail.com, googlemail.com), Microsoft
 *   (outlook.com, hotmail.com, live.com, and onmicrosoft.com, where every
 *   Entra ID tenant gets a name), Apple (icloud.com), Yahoo (yahoo.com) and
 *   Telenor (online.no).
 */
import { isUnderDomain, normaliseDomain, selfAndParents } from "../network/domain-names";
import { isPublicSuffix } from "../network/public-suffixes";

export interface ForeignRealm {
  readonly domain: string;
  /** Who holds it, as a message names them. */
  readonly holder: string;
}

/** Internal; exported for tests. */
export const WELL_KNOWN_REALMS: readonly ForeignRealm[] = [
  { domain: "eduroam.org", holder: "GÉANT, which runs eduroam" },
  { domain: "geant.org", holder: "GÉANT, which runs eduroam" },
  { domain: "sikt.no", holder: "Sikt, Norway's eduroam operator" },
  { domain: "uninett.no", holder: "Sikt (formerly Uninett), Norway's eduroam operator" },
  { domain: "feide.no", holder: "Feide, Sikt's identity federation for education" },
  { domain: "uit.no", holder: "UiT The Arctic University of Norway" },
  { domain: "nord.no", holder: "Nord University" },
  { domain: "uio.no", holder: "the University of Oslo" },
  { domain: "ntnu.no", holder: "NTNU" },
  { domain: "uib.no", holder: "the University of Bergen" },
  { domain: "gmail.com", holder: "Google's mail accounts" },
  { domain: "googlemail.com", holder: "Google's mail accounts" },
  { domain: "outlook.com", holder: "Microsoft's consumer accounts" },
  { domain: "hotmail.com", holder: "Microsoft's consumer accounts" },
  { domain: "live.com", holder: "Microsoft's consumer accounts" },
  { domain: "onmicrosoft.com", holder: "Microsoft, which names every Entra ID tenant under it" },
  { domain: "icloud.com", holder: "Apple's iCloud accounts" },
  { domain: "yahoo.com", holder: "Yahoo's mail accounts" },
  { domain: "online.no", holder: "Telenor's mail accounts" },
];

/**
 * eduroam.<country> and the like: "eduroam" directly under a public suffix
 * (eduroam.no, eduroam.se, eduroam.co.uk) is an eduroam operator's name.
 */
export function isEduroamOperatorName(name: string): boolean {
  const labels = normaliseDomain(name).split(".");
  return labels.length >= 2 && labels[0] === "eduroam" && isPublicSuffix(labels.slice(1).join("."));
}

/** The well-known realm `name` is or lies under, if any, ignoring case and a trailing dot. */
export function wellKnownRealmOf(name: string): ForeignRealm | undefined {
  const listed = WELL_KNOWN_REALMS.find((realm) => isUnderDomain(name, realm.domain));
  if (listed) return listed;
  const operator = selfAndParents(name).find(isEduroamOperatorName);
  return operator === undefined ? undefined : { domain: operator, holder: "an eduroam operator" };
}
