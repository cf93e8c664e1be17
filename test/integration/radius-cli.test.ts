import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { basePlatform, makeRegion } from "../helpers/region-fixture";

describe("grunnmur radius", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-radius-cli-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const readTree = (root: string) =>
    Object.fromEntries(
      (fs.readdirSync(root, { recursive: true }) as string[])
        .filter((p) => fs.statSync(path.join(root, p)).isFile())
        .sort()
        .map((p) => [p, fs.readFileSync(path.join(root, p), "utf8")]),
    );

  it("writes the tree for the example region and lists the secrets the servers fetch", async () => {
    const run = await runCli(["radius", "--out", path.join(dir, "raddb")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/senja\s+senja\.kommune\.no\s+110\s+1\s+ldap/);
    expect(run.stdout).toContain("for 7 realms and 2 national proxies");
    expect(run.stdout).toMatch(/Secrets the servers fetch from Key Vault at boot \(19\): alta-ldap-radius-bind, /);
    expect(fs.readFileSync(path.join(dir, "raddb", "radiusd.conf"), "utf8")).toContain("raddbdir = /etc/freeradius/grunnmur");
  });

  it("replaces its own earlier tree with a byte-identical one", async () => {
    const out = path.join(dir, "raddb");
    await runCli(["radius", "--out", out]);
    const first = readTree(out);
    fs.writeFileSync(path.join(out, "clients.d", "stale.conf"), "left over");
    expect((await runCli(["radius", "--out", out])).code).toBe(0);
    expect(readTree(out)).toEqual(first);
  });

  it("refuses to overwrite a directory it did not write", async () => {
    fs.writeFileSync(path.join(dir, "precious.txt"), "keep me");
    const run = await runCli(["radius", "--out", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is not empty and was not written by grunnmur radius");
    expect(fs.readFileSync(path.join(dir, "precious.txt"), "utf8")).toBe("keep me");
  });

  it("needs --out", async () => {
    const run = await runCli(["radius"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("grunnmur radius needs --out DIR");
  });

  it("says what is missing when the platform file has no eduroam section", async () => {
    const region = makeRegion({}, basePlatform());
    try {
      const run = await runCli(["radius", "--out", path.join(dir, "raddb"), "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("has no eduroam section; add eduroam.nationalProxies (from Sikt)");
    } finally {
      region.remove();
    }
  });
});
