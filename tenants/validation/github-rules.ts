/**
 * The GitHub teams the files name, from which `grunnmur codeowners` writes
 * .github/CODEOWNERS. A tenant file may add its own municipality's team as a
 * reviewer of that one file; it cannot make the platform team redundant or
 * bring in a team GitHub would not honour.
 */
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";

/** The organisation of "@organisation/team", in lower case (GitHub compares them so). */
export function teamOrganisation(team: string): string {
  return team.slice(1, team.indexOf("/")).toLowerCase();
}

export function checkGithubTeams(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const platformTeam = platform.spec.github?.platformTeam;
  for (const { source, spec } of tenants) {
    const team = spec.github?.team;
    if (team === undefined) continue;
    const at = ["github", "team"];
    if (platformTeam === undefined) {
      out.push(diagnosticAt(source, at, `names ${team}, but ${platform.source.file} has no github.platformTeam; the host names the platform team first, since it owns every file`));
    } else if (team.toLowerCase() === platformTeam.toLowerCase()) {
      out.push(diagnosticAt(source, at, `${team} is the platform team, which owns every tenant file already; name the municipality's own team, or leave github out`));
    } else if (teamOrganisation(team) !== teamOrganisation(platformTeam)) {
      out.push(
        diagnosticAt(source, at, `${team} is not a team of @${teamOrganisation(platformTeam)}, the organisation of the platform team ${platformTeam}; GitHub gives review only to teams of the repository's organisation`),
      );
    }
  }
  return out;
}
