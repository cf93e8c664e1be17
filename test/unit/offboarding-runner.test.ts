/** How `grunnmur offboard --yes` finds and runs the Pulumi CLI (scripts/offboarding/runner.ts). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findOnPath, systemRunner } from "../../scripts/offboarding/runner";

describe("the Pulumi runner", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-path-"));
    fs.writeFileSync(path.join(dir, "pulumi"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "not-executable"), "", { mode: 0o644 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("finds pulumi on PATH only where an executable file of that name is", () => {
    expect(findOnPath("pulumi", { PATH: ["/nonexistent", dir].join(path.delimiter) }, "linux")).toBe(path.join(dir, "pulumi"));
    expect(findOnPath("pulumi", { PATH: "/nonexistent" }, "linux")).toBeUndefined();
    expect(findOnPath("not-executable", { PATH: dir }, "linux")).toBeUndefined();
    expect(findOnPath("pulumi", {}, "linux")).toBeUndefined();
  });

  it("passes on a program's exit code, and 127 for one that cannot start", async () => {
    expect(await systemRunner.run(process.execPath, ["-e", "process.exit(3)"])).toBe(3);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await systemRunner.run(path.join(dir, "missing-program"), [])).toBe(127);
      expect(error).toHaveBeenCalledWith(expect.stringContaining("could not start"));
    } finally {
      error.mockRestore();
    }
  });
});
