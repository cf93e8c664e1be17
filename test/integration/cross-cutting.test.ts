import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { CapturedResource } from "../../scripts/preview/preview-file";
import { RESOURCE_GROUP_ID } from "../helpers/component-child";

function runScenario(name: string): CapturedResource[] {
  const child = path.join(__dirname, "..", "helpers", "component-child.js");
  const run = spawnSync(process.execPath, [child, name], { encoding: "utf8" });
  return JSON.parse(run.stdout) as CapturedResource[];
}

describe("cross-cutting component inputs", () => {
  const resources = runScenario("bastion-with-cross-cutting-inputs");
  const host = resources.find((r) => r.type === "azure-native:network:BastionHost")!;

  it("locks the component's main resource with the given lock", () => {
    const lock = resources.find((r) => r.type === "azure-native:authorization:ManagementLockByScope");
    expect(lock?.inputs).toMatchObject({ scope: host.id, level: "CanNotDelete", notes: "test lock" });
  });

  it("assigns roles to groups on the given scope, within the scope's subscription", () => {
    const assignment = resources.find((r) => r.type === "azure-native:authorization:RoleAssignment");
    expect(assignment?.inputs).toMatchObject({
      scope: RESOURCE_GROUP_ID,
      principalType: "Group",
      principalId: "22222222-2222-4222-8222-222222222222",
      roleDefinitionId: "/subscriptions/11111111-1111-4111-8111-111111111111/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
    });
    expect(String(assignment?.inputs.roleAssignmentName)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("sends diagnostics of the resource and its public IP to the workspace", () => {
    const settings = resources.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting").map((r) => r.inputs.resourceUri);
    const ip = resources.find((r) => r.type === "azure-native:network:PublicIPAddress")!;
    expect(settings.sort()).toEqual([host.id, ip.id].sort());
  });
});
