/**
 * NSG rules and routes for a tenant spoke's zones. Pure. All traffic leaves a
 * zone through the hub firewall (0.0.0.0/0 to the firewall); the secure zone
 * additionally denies internet egress in its NSG, as defence in depth.
 */
import { denyInternetInbound } from "./security-rules";
import type { SecurityRule } from "../../components/network/virtual-network";

export interface Route {
  readonly name: string;
  readonly addressPrefix: string;
  readonly nextHopType: "VirtualAppliance";
  readonly nextHopIpAddress: string;
}

export function spokeRoutes(firewallPrivateIp: string): Route[] {
  return [{ name: "default-via-hub-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: firewallPrivateIp }];
}

export function zoneSecurityRules(zone: "general" | "secure" | "exam" | "endpoints"): SecurityRule[] {
  const rules: SecurityRule[] = [denyInternetInbound("Nothing reaches a municipality's zone directly from the internet.")];
  if (zone === "secure" || zone === "endpoints") {
    rules.push({
      name: "deny-internet-outbound",
      description:
        zone === "secure"
          ? "Sikker sone: no internet egress; only private endpoints and shared services (NSM 2.2.3)."
          : "Private endpoints never talk to the internet.",
      priority: 4000,
      direction: "Outbound",
      access: "Deny",
      protocol: "*",
      sourceAddressPrefix: "*",
      sourcePortRange: "*",
      destinationAddressPrefix: "Internet",
      destinationPortRange: "*",
    });
  }
  return rules;
}
