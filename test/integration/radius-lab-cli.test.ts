/**
 * `grunnmur radius --lab` refusals that need no FreeRADIUS: wrong option
 * combinations, and a directory it did not write. Runs on every machine.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { labSecretName, withFilesBackends } from "../../domain/eduroam/lab-tree";
import { eduroamPlan } from "../../domain/eduroam/plan";
import { renderRadiusTree } from "../../domain/eduroam/radius-tree";
import { secretsIn } from "../../domain/eduroam/secret-placeholders";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import { loadRegion } from "../../tenants/validation/load-region";
import { runCli } from "../helpers/cli";

describe("grunnmur radius --lab: usage", () => {
  let dir: string;
  let secrets: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-lab-usage-"));
    secrets = path.join(dir, "lab-secrets.yaml");
    fs.writeFileSync(secrets, "accessPointSecret: fake-ap\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [["--lab", "L", "--out", "O", "--listen", "127.0.0.1"], "use either --out DIR (the servers' configuration) or --lab DIR (a lab to run by hand), not both"],
    [["--out", "O", "--listen", "127.0.0.1"], "--listen is for a lab: use it with --lab DIR"],
    [["--lab", "L"], "grunnmur radius --lab needs --listen with an IPv4 address to listen on, e.g. --listen 127.0.0.1"],
    [["--lab", "L", "--listen", "localhost"], 'grunnmur radius --lab needs --listen with an IPv4 address to listen on, e.g. --listen 127.0.0.1, not "localhost"'],
    [["--lab", "L", "--listen", "127.0.0.1"], "grunnmur radius --lab needs --secrets FILE, e.g. --secrets out/lab-secrets.yaml"],
    [["--lab", "L", "--listen", "127.0.0.1", "--secrets", "SECRETS", "--auth-port", "70000"], '--auth-port must be a port number from 1 to 65535, e.g. --auth-port 1812, not "70000"'],
  ])("refuses %j, saying what would be valid", async (args, message) => {
    const run = await runCli(["radius", ...args.map((a) => (a === "SECRETS" ? secrets : a === "L" ? path.join(dir, "lab") : a))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(fs.existsSync(path.join(dir, "lab"))).toBe(false);
  });

  it("names every problem of the secrets file and writes nothing", async () => {
    const run = await runCli(["radius", "--lab", path.join(dir, "lab"), "--listen", "127.0.0.1", "--secrets", secrets, "--files-backend", "lyngen"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^--files-backend lyngen: no municipality with Wi-Fi has that slug; they are alta, /);
    expect(run.stderr).toMatch(/\n\nNo lab was written \(1 problem\)\.$/);
    expect(fs.existsSync(path.join(dir, "lab"))).toBe(false);
  });

  it("refuses a directory it did not write, and leaves it as it was", async () => {
    // A complete secrets file for the example region, so only the directory is wrong.
    const plan = withFilesBackends(eduroamPlan(loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE }).region!)!, ["senja"]).plan!;
    const complete = path.join(dir, "complete-secrets.yaml");
    fs.writeFileSync(complete, stringify({ secrets: Object.fromEntries(secretsIn(renderRadiusTree(plan)).map((s) => [labSecretName(s), `fake-${s.secretName}`])), accessPointSecret: "fake-ap" }));
    const other = path.join(dir, "other");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "keep.txt"), "not a lab");
    const run = await runCli(["radius", "--lab", other, "--listen", "127.0.0.1", "--secrets", complete, "--files-backend", "senja"]);
    expect(run.stderr).toBe(`${other} is not empty and was not written by grunnmur radius --lab; choose an empty or new directory`);
    expect(run.code).toBe(2);
    expect(fs.readdirSync(other)).toEqual(["keep.txt"]);
  });
});
