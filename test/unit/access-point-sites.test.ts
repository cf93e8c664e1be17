import { accessPointSitePrefixes } from "../../domain/network/access-point-sites";

describe("the sites behind a municipality's access points", () => {
  const sites = ["10.20.0.0/16", "10.21.0.0/20", "10.22.0.0/24"];
  it.each([
    ["one address", ["10.20.1.10"], ["10.20.0.0/16"]],
    ["a controller block", ["10.21.1.0/28"], ["10.21.0.0/20"]],
    ["an address and a block, in the sites' order", ["10.21.1.0/28", "10.20.1.10"], ["10.20.0.0/16", "10.21.0.0/20"]],
    ["a block larger than its site still reaches it", ["10.22.0.0/23"], ["10.22.0.0/24"]],
    ["no access point", [], []],
    ["an access point behind none of the sites", ["10.30.0.1"], []],
  ])("%s", (_case, accessPoints, expected) => {
    expect(accessPointSitePrefixes(sites, accessPoints)).toEqual(expected);
  });
});
