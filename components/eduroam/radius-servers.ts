/**
 * The eduroam RADIUS servers: a pair of small Debian VMs in the hub's RADIUS
 * subnet with static public addresses (the national proxies reach them by
 * address). Seam for the eduroam configuration: `bootstrap` is the static
 * cloud-init that installs FreeRADIUS and the sync timer; `configBundle` (see
 * domain/eduroam/delivery.ts) carries the generated tree and changes in place.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import { cidr, formatIp } from "../../domain/network/cidr";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import type { CollectionOutputs, CommonArgs } from "../shared/common-args";
import { publicIp } from "../network/public-ip";
import { hasZones } from "../../domain/azure/regions";
import { addLock } from "../shared/lock";

export interface RadiusServersArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly subnetId: pulumi.Input<string>;
  /** The RADIUS subnet; servers get fixed addresses from its sixth address on. */
  readonly subnetCidr: string;
  readonly count: number;
  readonly vmSize: string;
  readonly adminUsername: string;
  /** SSH public key of the regional team; password login is disabled. */
  readonly adminPublicKey: string;
  /** Static cloud-init: packages, the sync timer, secret fetching. Changing it replaces the VMs (their public IPs stay). */
  readonly bootstrap: string;
  /** Base64 configuration bundle; changing it updates the VMs in place. */
  readonly configBundle: pulumi.Input<string>;
}

/** A set of like servers: resourceIds and names by server key (radius-1, radius-2, ...). */
export class RadiusServers extends pulumi.ComponentResource implements CollectionOutputs {
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};
  public readonly publicAddresses: pulumi.Output<string>[] = [];
  public readonly privateAddresses: string[] = [];
  public readonly principalIds: pulumi.Output<string>[] = [];

  constructor(name: string, args: RadiusServersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:compute:RadiusServers", name, {}, opts);
    const subnet = cidr(args.subnetCidr);
    const zoned = hasZones(args.location);
    for (let i = 1; i <= args.count; i += 1) {
      const key = `${name}-${i}`;
      const privateIp = formatIp(subnet.base + 4 + i);
      const pip = publicIp(`${key}-pip`, {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        nameParts: ["rad", ...args.nameParts, String(i)],
        tags: args.tags,
        diagnostics: args.diagnostics,
        zoneRedundant: zoned,
      }, this);
      const nic = new network.NetworkInterface(
        `${key}-nic`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          networkInterfaceName: azureName("generic", ["nic", "rad", ...args.nameParts, String(i)]),
          ipConfigurations: [
            { name: "ipconfig", subnet: { id: args.subnetId }, privateIPAllocationMethod: "Static", privateIPAddress: privateIp, publicIPAddress: { id: pip.id } },
          ],
          tags: args.tags,
        },
        { parent: this },
      );
      const vm = new compute.VirtualMachine(
        key,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          vmName: azureName("generic", ["vm", "rad", ...args.nameParts, String(i)]),
          // One server per availability zone, so a zone outage leaves eduroam running.
          zones: zoned ? [String(((i - 1) % 3) + 1)] : undefined,
          hardwareProfile: { vmSize: args.vmSize },
          identity: { type: "SystemAssigned" },
          storageProfile: {
            imageReference: { publisher: "Debian", offer: "debian-12", sku: "12-gen2", version: "latest" },
            osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: zoned ? "StandardSSD_ZRS" : "StandardSSD_LRS" }, deleteOption: "Delete" },
          },
          osProfile: {
            computerName: `rad${i}`,
            adminUsername: args.adminUsername,
            customData: Buffer.from(args.bootstrap).toString("base64"),
            linuxConfiguration: {
              disablePasswordAuthentication: true,
              ssh: { publicKeys: [{ path: `/home/${args.adminUsername}/.ssh/authorized_keys`, keyData: args.adminPublicKey }] },
            },
          },
          userData: args.configBundle,
          networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
          securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
          tags: args.tags,
        },
        {
          parent: this,
          // Azure never changes a VM's customData after creation ("This property cannot be updated after the VM
          // is created": OSProfile.customData, https://learn.microsoft.com/rest/api/compute/virtual-machines/create-or-update#osprofile),
          // so a new bootstrap reaches the servers only as new VMs. The name and the NIC are the old VM's: delete first.
          replaceOnChanges: ["osProfile.customData"],
          deleteBeforeReplace: true,
        },
      );
      addDiagnostics(key, vm.id, args.diagnostics, "metrics", this);
      addLock(key, vm.id, args.lock, this);
      this.resourceIds[key] = vm.id;
      this.names[key] = vm.name;
      this.publicAddresses.push(pip.ipAddress.apply((a) => a ?? ""));
      this.privateAddresses.push(privateIp);
      this.principalIds.push(vm.identity.apply((id) => id?.principalId ?? ""));
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names, publicAddresses: this.publicAddresses, privateAddresses: this.privateAddresses });
  }
}
