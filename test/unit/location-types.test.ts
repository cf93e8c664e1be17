/**
 * RG-01 treats a resource without a location as a finding unless its type has
 * none of its own (LOCATIONLESS_TYPES). The list is checked against
 * azure-native's own type definitions, so it can neither hide a type that does
 * take a location nor miss one the programs use.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LOCATIONLESS_TYPES } from "../../policies/governance";
import { REPO_ROOT } from "../../tenants/paths";

/** The Recovery Services vault's items: azure-native declares a location, Azure keeps them in the vault's region. */
const OPTIONAL_LOCATION = new Set([
  "azure-native:recoveryservices:ProtectedItem",
  "azure-native:recoveryservices:ProtectionContainer",
  "azure-native:recoveryservices:ProtectionPolicy",
  "azure-native:recoveryservices:ResourceGuardProxy",
]);

function argsDeclareLocation(type: string): boolean {
  const [, module, name] = type.split(":");
  const file = path.join(REPO_ROOT, "node_modules", "@pulumi", "azure-native", module, `${name[0].toLowerCase()}${name.slice(1)}.d.ts`);
  const text = fs.readFileSync(file, "utf8");
  const args = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(text);
  if (!args) throw new Error(`no ${name}Args in ${file}`);
  return /\n\s+location\?:/.test(args[1]);
}

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesUnder(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []));
}

/** Every azure-native class the programs construct (`new network.RouteTable(`), whatever the mode. */
function typesUsedByThePrograms(): string[] {
  const sources = ["components", "stacks"].flatMap(sourcesUnder);
  const used = new Set<string>();
  for (const file of sources) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
    const modules = new Map([...text.matchAll(/import \* as (\w+) from "@pulumi\/azure-native\/(\w+)"/g)].map((m) => [m[1], m[2]]));
    for (const [, alias, name] of text.matchAll(/new (\w+)\.([A-Z]\w+)\(/g)) {
      if (modules.has(alias)) used.add(`azure-native:${modules.get(alias)}:${name}`);
    }
  }
  return [...used].sort();
}

describe("the types without a location of their own", () => {
  it.each([...LOCATIONLESS_TYPES].map((t) => [t]))("%s declares no location in azure-native, or is a vault item kept in the vault's region", (type) => {
    expect(argsDeclareLocation(type) && !OPTIONAL_LOCATION.has(type)).toBe(false);
  });

  it("include every type the programs create that takes no location", () => {
    const types = typesUsedByThePrograms();
    expect(types.length).toBeGreaterThan(20);
    expect(types.filter((t) => t !== "azure-native:provider:Provider" && !argsDeclareLocation(t) && !LOCATIONLESS_TYPES.has(t))).toEqual([]);
  });
});
