/**
 * Routes of a tenant spoke. Pure. All traffic leaves a zone through the hub
 * firewall, which is where isolation between municipalities is enforced.
 */

export interface Route {
  readonly name: string;
  readonly addressPrefix: string;
  readonly nextHopType: "VirtualAppliance";
  readonly nextHopIpAddress: string;
}

export function spokeRoutes(firewallPrivateIp: string): Route[] {
  return [{ name: "default-via-hub-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: firewallPrivateIp }];
}
