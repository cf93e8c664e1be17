/**
 * The service catalogue (tjenestekatalog): what a municipality can subscribe
 * to, what each service creates and what drives its cost. Data in
 * catalogue.yaml; this schema checks it and the cost report prints it.
 */
import { z } from "zod";

const service = z.strictObject({
  name: z.string().min(3),
  description: z.string().min(10),
  creates: z.array(z.string().min(3)).min(1).meta({ description: "The Azure resources the service creates." }),
  costDrivers: z.array(z.string().min(3)).min(1).meta({ description: "What makes the service cost more or less." }),
  priceItems: z.array(z.string()).default([]).meta({ description: "Keys of the platform file's price items this service uses." }),
  shared: z.boolean().default(false).meta({ description: "Part of the shared platform, split among members by the allocation key." }),
});

export const catalogueSchema = z
  .strictObject({
    services: z.record(z.string().regex(/^[a-z][a-z0-9-]+$/), service),
  })
  .meta({ title: "grunnmur service catalogue" });

export type Catalogue = z.output<typeof catalogueSchema>;
