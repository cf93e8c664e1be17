/**
 * The service catalogue (tjenestekatalog): what a municipality can subscribe
 * to, what each service creates and what drives its cost. Data in
 * catalogue.yaml; this schema checks it and the cost report prints it.
 */
import { z } from "zod";

const serviceTag = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, { error: "must be a grunnmur:service tag value in lower case, like vpn" })
  // Those are the shared services' (platform.yaml sharedServices): their subscribers pay them already, and charging them again would count them twice.
  .refine((tag) => !tag.startsWith("shared-"), { error: "must not be a shared service's tag (shared-<key>): platform.yaml sharedServices are already paid by their subscribers" });

const service = z
  .strictObject({
    name: z.string().min(3),
    description: z.string().min(10),
    creates: z.array(z.string().min(3)).min(1).meta({ description: "The Azure resources the service creates." }),
    costDrivers: z.array(z.string().min(3)).min(1).meta({ description: "What makes the service cost more or less." }),
    priceItems: z.array(z.string()).default([]).meta({ description: "Keys of the platform file's price items this service uses." }),
    shared: z.boolean().default(false).meta({ description: "Part of the shared platform, split among members by the allocation key." }),
    platformCost: z
      .array(serviceTag)
      .default([])
      .meta({ description: "The grunnmur:service tags of the platform stack's resources this service runs on (e.g. vpn: the VPN gateway and its public IP); what chargedTo charges." }),
    chargedTo: z
      .enum(["all", "users"])
      .default("all")
      .meta({
        description:
          "Who pays the platform resources in platformCost: all members by the allocation key (all), or only the members that use the service, by the same key among them (users; for vpn-site the members with sites). While no member uses it, all pay.",
      }),
  })
  .superRefine((value, ctx) => {
    if (value.chargedTo === "users" && value.platformCost.length === 0) {
      ctx.addIssue({ code: "custom", path: ["platformCost"], message: "chargedTo: users needs the platform resources to charge: list their grunnmur:service tags, e.g. platformCost: [vpn]" });
    }
  });

export const catalogueSchema = z
  .strictObject({
    services: z.record(z.string().regex(/^[a-z][a-z0-9-]+$/), service),
  })
  .superRefine((value, ctx) => {
    // A resource can be charged to one group of users only.
    const owner = new Map<string, string>();
    for (const [key, s] of Object.entries(value.services)) {
      if (s.chargedTo !== "users") continue;
      for (const tag of s.platformCost) {
        const first = owner.get(tag);
        if (first) ctx.addIssue({ code: "custom", path: ["services", key, "platformCost"], message: `the tag ${tag} is already charged to the users of ${first}; a platform resource can be charged to the users of one service only` });
        else owner.set(tag, key);
      }
    }
  })
  .meta({ title: "grunnmur service catalogue" });

export type Catalogue = z.output<typeof catalogueSchema>;
