/**
 * The real-server tests need Debian's freeradius, freeradius-utils and
 * eapoltest (and openssl, python3). On a developer's machine without them the
 * tests skip and say why; in CI (CI=true) a missing tool is a failure.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export const REQUIRED_TOOLS = ["freeradius", "eapol_test", "radclient", "openssl", "python3"] as const;

function onPath(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The example region's LDAP backends need rlm_ldap, which Debian ships in freeradius-ldap. */
const LDAP_MODULE = "/usr/lib/freeradius/rlm_ldap.so";

export const missingTools: readonly string[] = [
  ...REQUIRED_TOOLS.filter((tool) => !onPath(tool)),
  ...(onPath("freeradius") && !fs.existsSync(LDAP_MODULE) ? ["freeradius-ldap"] : []),
];

export const INSTALL_HINT = "apt-get install freeradius freeradius-ldap freeradius-utils eapoltest openssl python3";

/**
 * `describe` for scenarios against real FreeRADIUS: skipped with a message when
 * the tools are missing on a developer's machine, failing when they are missing in CI.
 */
export function describeWithRadius(name: string, body: () => void): void {
  if (missingTools.length === 0) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("has the RADIUS tools it needs (CI=true, so they must be installed)", () => {
        throw new Error(`missing ${missingTools.join(", ")}; CI must install them: ${INSTALL_HINT}`);
      });
    });
    return;
  }
  describe.skip(`${name} [skipped: ${missingTools.join(", ")} not installed; ${INSTALL_HINT}]`, body);
}
