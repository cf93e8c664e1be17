/**
 * Shared services the platform hosts once for every member that subscribes
 * (platform.yaml `sharedServices`, issue 17): an employee portal, an exam
 * solution, ... Each has its own subnet in the shared-services spoke, the TCP
 * ports subscribers reach, its cost allocation key and its VMs, declared with
 * the same shape as a tenant system's `hosting.vms`.
 */
import { z } from "zod";
import { cidrBlock, keyName } from "./fields";
import { vmSchema } from "./tenant";

export const sharedServicesSpoke = z
  .strictObject({
    addressSpace: cidrBlock.meta({ description: "The shared-services spoke VNet, peered with the hub; outside the tenant pool and the hubs. Each service's subnet lies in it." }),
  })
  .meta({ description: "The spoke that holds the shared services (sharedServices), in the platform's subscription." });

/** Who pays a shared service, among its subscribers only: the same keys as the platform's costAllocation, plus equal and population alone. */
export const sharedServiceAllocation = z.discriminatedUnion(
  "key",
  [
    z.strictObject({ key: z.literal("equal") }),
    z.strictObject({ key: z.literal("population") }),
    z.strictObject({
      key: z.literal("equal-population"),
      equalPercent: z.number().min(0).max(100).default(40),
      populationPercent: z.number().min(0).max(100).default(60),
    }),
  ],
  { error: "key must be equal, population or equal-population" },
);
export type SharedServiceAllocation = z.output<typeof sharedServiceAllocation>;

const port = z.number().int().min(1).max(65535);

export const sharedService = z.strictObject({
  name: z.string().min(2),
  description: z.string().min(3),
  subnet: cidrBlock.meta({ description: "The service's subnet, given by the platform team, inside network.sharedServicesSpoke.addressSpace; no two services overlap." }),
  ports: z.array(port).min(1).meta({ description: "TCP ports the subscribers' zones reach, e.g. [443]." }),
  allocation: sharedServiceAllocation.meta({ description: "How the service's cost is split among its subscribers." }),
  workloads: z.record(keyName, vmSchema).default({}).meta({ description: "The service's VMs, keyed by a stable name, declared like a tenant system's hosting.vms." }),
});
export type SharedService = z.output<typeof sharedService>;

export const sharedServices = z
  .record(keyName, sharedService)
  .default({})
  .meta({ description: "Services the platform hosts once, by a stable key; tenant files subscribe their zones with sharedServices.<key>.zones." });
