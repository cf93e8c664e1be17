/**
 * NSG rules for the hub's RADIUS subnet. Pure. They depend only
 * on the national proxies and on address ranges that do not change when a
 * tenant joins, so onboarding never touches them. Which access points may send
 * requests is the firewall's business (each tenant's rule group): traffic from
 * the sites reaches this subnet through it.
 */
import { allowSshFromBastion, denyInternetInbound, denyVirtualNetworkInbound, type SecurityRule } from "../network/security-rules";

export function radiusSecurityRules(nationalProxyAddresses: readonly string[], bastionSubnet: string): SecurityRule[] {
  const rules: SecurityRule[] = [
    {
      name: "allow-radius-from-sites-and-spokes",
      description: "Access points and controllers reach RADIUS over the municipalities' VPN or spokes.",
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "Udp",
      sourceAddressPrefix: "VirtualNetwork",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRanges: ["1812", "1813"],
    },
    allowSshFromBastion(bastionSubnet, "*"),
    denyInternetInbound("Nothing else from the internet."),
    // Without this, Azure's AllowVnetInBound lets every site and spoke reach the servers on any port.
    denyVirtualNetworkInbound("Sites and spokes reach the RADIUS servers on 1812/1813 only (NSM 2.2.3)."),
  ];
  if (nationalProxyAddresses.length > 0) {
    rules.push({
      name: "allow-radius-from-national-proxies",
      description: "The national eduroam proxies send visitors' and roaming users' requests.",
      priority: 110,
      direction: "Inbound",
      access: "Allow",
      protocol: "Udp",
      sourceAddressPrefixes: [...nationalProxyAddresses],
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRanges: ["1812", "1813"],
    });
  }
  return rules.sort((a, b) => a.priority - b.priority);
}
