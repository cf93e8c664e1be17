/**
 * Issue 20 items 4-5: an onboarded file cannot validate while its TODO values
 * are unfilled, and YAML and schema mistakes are explained in the file's terms.
 */
import * as path from "node:path";
import { stringify } from "yaml";
import { REPO_ROOT as REPO } from "../../tenants/paths";
import { formatPath } from "../../tenants/validation/diagnostic";
import { loadRegion } from "../../tenants/validation/load-region";
import { placeholderReason } from "../../tenants/validation/placeholder-catalogue";
import { parseYamlSource } from "../../tenants/validation/yaml-source";
import { tenantFileText } from "../../scripts/onboarding/tenant-template";
import { baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

/** "field: message" for each problem of a region holding senja (as given) and alta. */
function problems(senja: Json | string): string[] {
  const region = makeRegion({ senja, alta: baseTenant("alta", "5601", 2) });
  try {
    return loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile }).diagnostics.map((d) => `${formatPath(d.path)}: ${d.message}`);
  } finally {
    region.remove();
  }
}

const senja = () => baseTenant("senja", "5530", 1);
const senjaYaml = (tail = "") => stringify(senja()) + tail;

describe("unfilled values", () => {
  it("fails a TODO value and names the field", () => {
    const t = senja();
    t.costCentre = "TODO: the cost centre";
    expect(problems(t)).toEqual(['costCentre: is not filled in yet: "TODO: the cost centre" is a note, not a value; write the municipality\'s real value in its place']);
  });

  it("reports a TODO where a number or identifier belongs as unfilled, not as the wrong type", () => {
    const t = senja();
    (t.budget as Json).monthlyNok = "TODO";
    t.organisasjonsnummer = "tbd";
    const found = problems(t);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^organisasjonsnummer: is not filled in yet: "tbd"/);
    expect(found[1]).toMatch(/^budget\.monthlyNok: is not filled in yet: "TODO"/);
  });

  it("still reports the file's other schema problems beside the unfilled ones", () => {
    const t = senja();
    t.costCentre = "TODO";
    t.population = "many";
    expect(problems(t).map((p) => p.split(":")[0])).toEqual(["population", "costCentre"]);
  });

  it("fails a default marked with a TODO comment, and passes once the comment is gone", () => {
    const marked = senjaYaml().replace(/monthlyNok: 1000\n/, "monthlyNok: 1000   # TODO: the approved budget\n");
    expect(marked).toContain("# TODO");
    expect(problems(marked)).toEqual(['budget.monthlyNok: is not filled in yet: it is marked "# TODO: the approved budget"; write the municipality\'s real value and remove the TODO comment']);
    expect(problems(marked.replace("   # TODO: the approved budget", "   # approved 2026-10"))).toEqual([]);
  });

  it("fails .invalid addresses but not the documentation domains the example region and fixtures use", () => {
    expect(placeholderReason("it@senja.kommune.invalid")).toMatch(/placeholder address/);
    expect(placeholderReason("kari@mail.INVALID")).toMatch(/placeholder address/);
    expect(placeholderReason("it@senja.example")).toBeUndefined();
    expect(placeholderReason("it@senja.example.org")).toBeUndefined();
    expect(placeholderReason("it@senja.kommune.no")).toBeUndefined();
    expect(placeholderReason("it@invalid.kommune.no")).toBeUndefined();
    expect(placeholderReason("Todoist")).toBeUndefined();
    expect(placeholderReason("TODO")).toBeDefined();
    const t = senja();
    (t.contacts as Json[])[0].email = "kari@senja.kommune.invalid";
    expect(problems(t)).toEqual(['contacts[0].email: is not filled in yet: "kari@senja.kommune.invalid" is a placeholder address (a .invalid address can never receive mail); write the municipality\'s real value in its place']);
  });

  it("leaves the repository's example region valid", () => {
    const load = loadRegion({ tenantsDir: path.join(REPO, "tenants"), platformFile: path.join(REPO, "platform.yaml") });
    expect(load.diagnostics).toEqual([]);
    expect(load.fileCount).toBeGreaterThan(5);
  });

  it("names every unfilled value of a fresh onboarding file, and nothing else", () => {
    const text = tenantFileText({ slug: "senja", name: "Senja kommune", kommunenummer: "5530", organisasjonsnummer: String(baseTenant("senja", "5530", 1).organisasjonsnummer), population: 14500, addressSpace: "10.96.60.0/23", joined: "2026-01" });
    const found = problems(text);
    expect(found.every((p) => p.includes("is not filled in yet"))).toBe(true);
    expect(found.map((p) => p.split(":")[0]).sort()).toEqual(["budget.alertRecipients[0]", "budget.monthlyNok", "contacts[0].email", "contacts[0].name", "costCentre", "storage.shares.felles", "systems"]);
  });
});

describe("YAML mistakes in plain words", () => {
  const syntax = (text: string) => parseYamlSource("t.yaml", text).syntaxErrors.map((d) => `${d.line}: ${d.message}`);

  it("names the line and the parent a misindented key was meant for", () => {
    expect(syntax("backup:\n  tier: standard\n estimatedGb: 150\n")).toEqual([
      '3: "estimatedGb" is indented 1 space, which lines up with no field above it: to put it under "backup", indent it 2 spaces like "tier" (line 2); or to put it at the top level, start it in the first column like "backup" (line 1)',
    ]);
    expect(syntax("storage:\n  shares:\n    felles: { quotaGb: 100 }\n   extra: 1\n")[0]).toMatch(/^4: "extra" is indented 3 spaces.*under "shares", indent it 4 spaces like "felles" \(line 3\); or to put it under "storage", indent it 2 spaces like "shares" \(line 2\)$/);
  });

  it("places a field of a list item in that item", () => {
    expect(syntax("contacts:\n  - name: Kari\n    role: IT lead\n  email: kari@senja.kommune.no\n")[0]).toMatch(/^4: "email" is indented 2 spaces.*to put it in the list item on line 2, indent it 4 spaces like "role" \(line 3\)/);
  });

  it("says when a key is indented under a key that already has a value, once", () => {
    expect(syntax("budget:\n  monthlyNok: 100\n    alertRecipients: [it@senja.kommune.no]\n")).toEqual([
      '3: "alertRecipients" is indented under "monthlyNok", which already has a value on line 2; a field holds either a value or fields, so indent it 2 spaces like "monthlyNok"',
    ]);
  });

  it("explains tabs without the package's wording", () => {
    const [message] = syntax("backup:\n\ttier: standard\n");
    expect(message).toMatch(/^2: is indented with a tab; YAML indents with spaces only/);
    expect(message).not.toMatch(/Tabs are not allowed/);
  });

  it("says a key written at its parent's column must be indented under it", () => {
    expect(problems(senjaYaml("services: [storage]\nstorage:\nshares:\n  felles: { quotaGb: 100 }\n").replace(/^services: \[\]\n/m, ""))).toContain(
      'shares: "shares" must be indented under "storage" (line 16): it is a field of storage, not of the top level, so indent it further than "storage"',
    );
  });
});

describe("missing required fields", () => {
  it("say \"is required\", also where the field has its own message", () => {
    const t = senja();
    delete t.kommunenummer;
    delete (t.contacts as Json[])[0].email;
    delete (t.budget as Json).monthlyNok;
    const found = problems(t);
    expect(found).toContain('kommunenummer: is required but missing; it must be a quoted 4-digit string like "5501"');
    expect(found).toContain('contacts[0].email: is required but missing; it must be an e-mail address like "it@kommune.no"');
    expect(found).toContain("budget.monthlyNok: is required but missing");
  });
});
