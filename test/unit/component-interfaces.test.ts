/**
 * Every component speaks the same interface (Azure Verified Modules style):
 * `resourceId` and `name` out (or `resourceIds`/`names` for a set of like
 * resources), and a component that takes `diagnostics` or `lock` uses them.
 * Read from the sources, so a new component that forgets is caught here.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");
const COMPONENTS = path.join(ROOT, "components");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

interface ComponentFile {
  readonly file: string;
  readonly text: string;
  readonly classes: Array<{ name: string; implementsOutputs: boolean }>;
  /** What the component's args take of the cross-cutting inputs. */
  readonly takes: { diagnostics: boolean; lock: boolean };
}

export function readComponent(file: string, text: string): ComponentFile {
  const classes = [...text.matchAll(/export class (\w+) extends pulumi\.ComponentResource(?: implements ([\w<>|. ]+))? \{/g)].map((m) => ({
    name: m[1],
    implementsOutputs: /\b(ComponentOutputs|CollectionOutputs)\b/.test(m[2] ?? ""),
  }));
  const base = /export interface \w+Args extends ([^{]+)\{/.exec(text)?.[1] ?? "";
  const common = /\bCommonArgs\b/.test(base);
  return {
    file: path.relative(ROOT, file),
    text,
    classes,
    takes: { diagnostics: common && !/Omit<CommonArgs, "diagnostics"/.test(base), lock: common && !/Omit<CommonArgs, [^>]*"lock"/.test(base) },
  };
}

const files = sources(COMPONENTS)
  .filter((f) => !f.includes(`${path.sep}shared${path.sep}`))
  .map((f) => readComponent(f, fs.readFileSync(f, "utf8")));
const components = files.filter((f) => f.classes.length > 0);

describe("component interfaces", () => {
  it("finds the components (the check reads real files)", () => {
    expect(components.map((c) => c.classes.map((k) => k.name)).flat()).toEqual(expect.arrayContaining(["VirtualNetwork", "Spoke", "KeyVault", "RadiusServers", "TenantAttachment"]));
  });

  it("gives every component resourceId and name, or resourceIds and names", () => {
    const missing = components.flatMap((c) => c.classes.filter((k) => !k.implementsOutputs).map((k) => `${c.file}: ${k.name}`));
    expect(missing).toEqual([]);
  });

  it("uses diagnostics and lock wherever a component accepts them", () => {
    const ignored = components.flatMap((c) => [
      ...(c.takes.diagnostics && !/args\.diagnostics/.test(c.text) ? [`${c.file}: accepts diagnostics but never uses them`] : []),
      ...(c.takes.lock && !/args\.lock/.test(c.text) ? [`${c.file}: accepts a lock but never uses it`] : []),
    ]);
    expect(ignored).toEqual([]);
  });

  it("takes no role assignments: the programs grant roles on resource groups", () => {
    expect(files.filter((f) => /roleAssignments/.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it.each([
    ["a component without the outputs interface", 'export interface XArgs extends CommonArgs {}\nexport class X extends pulumi.ComponentResource {', { implementsOutputs: false, diagnostics: true }],
    ["a component with it, taking no diagnostics", 'export interface XArgs extends Omit<CommonArgs, "diagnostics"> {}\nexport class X extends pulumi.ComponentResource implements ComponentOutputs {', { implementsOutputs: true, diagnostics: false }],
  ])("reads %s", (_label, text, expected) => {
    const read = readComponent("components/x.ts", text);
    expect({ implementsOutputs: read.classes[0].implementsOutputs, diagnostics: read.takes.diagnostics }).toEqual(expected);
  });
});
