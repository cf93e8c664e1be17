/**
 * Municipal admins are scoped to their own users: what the tenant program sends
 * to Entra ID for one municipality (components/identity/tenant-identity.ts).
 */
import { ENTRA_ROLE_TEMPLATES } from "../../domain/azure/entra-roles";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { ofType, only, previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";

describe("a tenant's identity in Entra ID", () => {
  let region: PreviewedRegion;
  let senja: StackPreview;
  beforeAll(async () => {
    region = await previewFiles(undefined, undefined, new Set(["senja"]));
    senja = region.read("senja");
  });
  afterAll(() => region.remove());

  const group = (key: string) => only(ofType(senja, "azuread:index/group:Group").filter((g) => g.name === `identity-${key}`), `${key} group`);

  it("gives the admins group User Administrator and Groups Administrator on the municipality's administrative unit only", () => {
    const unit = only(ofType(senja, "azuread:index/administrativeUnit:AdministrativeUnit"), "administrative unit");
    const assignments = ofType(senja, "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment");
    expect(assignments.map((a) => ({ name: a.name, ...a.inputs })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        name: "identity-admins-groups-administrator",
        roleId: ENTRA_ROLE_TEMPLATES["Groups Administrator"],
        principalObjectId: group("admins").id,
        directoryScopeId: `/administrativeUnits/${unit.id}`,
      },
      {
        name: "identity-admins-user-administrator",
        roleId: ENTRA_ROLE_TEMPLATES["User Administrator"],
        principalObjectId: group("admins").id,
        directoryScopeId: `/administrativeUnits/${unit.id}`,
      },
    ]);
    expect(senja.outputs.administrativeUnitId).toBe(unit.id);
  });

  it("makes only the admins group role-assignable, and keeps all three groups in the unit", () => {
    const unit = only(ofType(senja, "azuread:index/administrativeUnit:AdministrativeUnit"), "administrative unit");
    expect(Object.fromEntries(["admins", "users", "readers"].map((k) => [k, group(k).inputs.assignableToRole]))).toEqual({ admins: true, users: false, readers: false });
    for (const key of ["admins", "users", "readers"]) {
      expect(group(key).inputs).toMatchObject({ securityEnabled: true, mailEnabled: false, administrativeUnitIds: [unit.id] });
    }
  });
});
