/** NSG rules every grunnmur zone shares. */
import type { SecurityRule } from "../../components/network/virtual-network";

/** Explicit, so the intent is visible in reviews and policy reports, not only in Azure's defaults. */
export function denyInternetInbound(description: string): SecurityRule {
  return {
    name: "deny-internet-inbound",
    description,
    priority: 4000,
    direction: "Inbound",
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "Internet",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
  };
}
