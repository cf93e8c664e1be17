import { AZURE_REGIONS, hasZones, redundantSku } from "../../domain/azure/regions";
import { platformSchema } from "../../tenants/schema/platform";

describe("the Azure regions the platform uses", () => {
  it("have zones in Norway East only; a region not listed has none", () => {
    expect(hasZones("norwayeast")).toBe(true);
    expect(hasZones("norwaywest")).toBe(false);
    expect(hasZones("westeurope")).toBe(false);
  });

  it("choose locally redundant storage where there are no zones", () => {
    expect(redundantSku("norwayeast", "Standard_ZRS", "Standard_LRS")).toBe("Standard_ZRS");
    expect(redundantSku("norwaywest", "Standard_ZRS", "Standard_LRS")).toBe("Standard_LRS");
  });

  it("name the access request Norway West needs, and the DR hub there is opt-in", () => {
    expect(AZURE_REGIONS.norwaywest.accessRequest).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(AZURE_REGIONS.norwayeast.accessRequest).toBeUndefined();
    const parsed = platformSchema.shape.regions.parse(undefined);
    expect(parsed.dr.enabled).toBe(false);
  });
});
