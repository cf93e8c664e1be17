/**
 * The tenant file schema: the single source of truth for `tenants/<slug>.yaml`.
 * Types, the committed JSON Schema and the validator all derive from it.
 */
import { OS_IMAGE_KEYS } from "../../domain/compute/images";
import { z } from "zod";
import {
  cidrBlock,
  domainName,
  githubTeam,
  email,
  ipAddress,
  isoDate,
  keyName,
  kommunenummer,
  organisasjonsnummer,
  population,
  prefixLength,
  secretRef,
  slug,
  waivers,
} from "./fields";

export const SERVICES = ["storage", "backup", "wifi", "secure-zone", "exam-zone"] as const;
export type ServiceName = (typeof SERVICES)[number];

const contact = z.strictObject({
  name: z.string().min(2, { error: "must be the contact's full name" }),
  role: z.string().min(2, { error: "must say what the contact is responsible for, e.g. \"IT lead\"" }),
  email,
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{8,15}$/, { error: "must be a phone number like \"+47 77 79 00 00\"" })
    .optional(),
});

const zone = z.strictObject({
  size: prefixLength.optional().meta({ description: "Subnet size, e.g. /26. Defaults per zone." }),
});

const examZone = z.strictObject({
  size: prefixLength.optional().meta({ description: "Subnet size, e.g. /26. At least /27." }),
  allowedEgress: z
    .array(
      z
        .string()
        .regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, { error: "must be a host name like \"eksamen.udir.no\" or \"*.udir.no\"" }),
    )
    .default([])
    .meta({ description: "Host names the exam zone may reach; everything else is blocked." }),
});

const network = z.strictObject({
  addressSpace: cidrBlock
    .optional()
    .meta({ description: "The spoke's address space. Leave out to get the block allocated from the kommunenummer." }),
  hub: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,15}$/, { error: "must be the key of a hub in platform.yaml: main, or a key of network.hubs" })
    .optional()
    .meta({ description: "Pin the municipality to this hub (main, or a key of network.hubs in platform.yaml) instead of the one serving its county. Only the platform team may approve it: it moves the spoke's peering, VPN tunnels and firewall rules to that hub." }),
  zones: z
    .strictObject({
      general: zone.optional(),
      secure: zone.optional(),
      exam: examZone.optional(),
    })
    .default({})
    .meta({ description: "Sizes per zone; `secure` and `exam` need their services subscribed." }),
});

const site = z.strictObject({
  description: z.string().optional(),
  publicIp: ipAddress.meta({ description: "Public unicast address of the site's VPN device on the internet; unique in the region." }),
  prefixes: z
    .array(cidrBlock)
    .min(1, { error: "must list at least one on-premises prefix reached through this site" })
    .meta({ description: "On-premises address ranges behind this site: private (RFC 1918), apart from the tenant pool, the hubs and every other site; public only where the platform file approves it." }),
});

const externalAdmin = z.strictObject({
  email,
  name: z.string().min(2),
  organisation: z.string().min(2).meta({ description: "Employer, e.g. the vendor that administers a system." }),
});

const identity = z.strictObject({
  adminGroup: z.string().min(3).optional().meta({ description: "Display name of the admins group; defaults to \"grunnmur-<slug>-admins\"." }),
  userGroup: z.string().min(3).optional(),
  readerGroup: z.string().min(3).optional(),
  externalAdmins: z.array(externalAdmin).default([]).meta({ description: "Guests invited by e-mail into the admins group." }),
});

const accessPoint = z.strictObject({
  address: z
    .union([ipAddress, cidrBlock], { error: "must be an IPv4 address or CIDR block of the access point or controller" })
    .meta({ description: "Address (or block) the RADIUS requests come from; inside one of the municipality's site prefixes." }),
});

const userBackend = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("ldap"),
      server: z.string().min(3).meta({ description: "LDAPS host, e.g. Entra Domain Services or AD." }),
      baseDn: z.string().min(3),
      bindDn: z.string().min(3),
      bindPassword: secretRef,
    }),
    z.strictObject({
      kind: z.literal("files").meta({ description: "Local test users; for labs and tests only." }),
    }),
  ],
  { error: "must have kind: ldap (production) or kind: files (labs and tests only)" },
);

const wifi = z.strictObject({
  realm: domainName.meta({
    description: "eduroam realm: the part after @ in users' names; one of the municipality's domains registered in the platform file (`domains`) or a name under one.",
  }),
  vlan: z
    .number()
    .int()
    .min(2, { error: "must be a VLAN id from 2 to 4094" })
    .max(4094, { error: "must be a VLAN id from 2 to 4094" })
    .meta({ description: "VLAN assigned to the municipality's own users." }),
  accessPoints: z.record(keyName, accessPoint).meta({ description: "RADIUS clients, keyed by a stable name." }),
  userBackend,
});

const share = z.strictObject({
  quotaGb: z.number().int().min(1).max(102400, { error: "must be at most 102400 GB (100 TiB), the Azure file share limit" }),
  tier: z.enum(["TransactionOptimized", "Hot", "Cool"]).default("TransactionOptimized"),
  previousKey: keyName
    .optional()
    .meta({ description: "Set when you rename a share's key: the key it had before. Azure cannot rename shares, so the share keeps its Azure name and history." }),
});

const storage = z.strictObject({
  shares: z.record(keyName, share).meta({ description: "File shares, keyed by a stable name." }),
});

const backup = z.strictObject({
  tier: keyName.meta({ description: "Backup tier from the platform file, e.g. \"standard\"." }),
  estimatedGb: z.number().positive().optional().meta({ description: "Protected data in GB, for the cost estimate." }),
  lastRestoreTest: isoDate
    .optional()
    .meta({ description: "Date of the last test restore of this municipality's data (NSM 2.9.3); the policy check warns when it is missing or old." }),
});

const budget = z.strictObject({
  monthlyNok: z.number().positive({ error: "must be a positive amount in NOK per month" }),
  alertRecipients: z.array(email).min(1, { error: "must list at least one e-mail address to alert" }),
});

export const SYSTEM_LOCATIONS = ["saas", "on-premises", "shared-platform", "local-datacentre"] as const;

/** Where a VM is in its move: planned creates nothing, migrating and running run it, retired keeps only its backups. */
export const VM_STATES = ["planned", "migrating", "running", "retired"] as const;
export const WORKLOAD_ZONES = ["general", "secure", "exam"] as const;
export const DISK_SKUS = ["Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Standard_LRS"] as const;
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const dataDisk = z.strictObject({
  lun: z.number().int().min(0).max(63).meta({ description: "The disk's LUN, 0-63, unique on the VM; it never changes once the disk exists." }),
  sizeGb: z.number().int().min(4).max(32767).meta({ description: "Size in GB." }),
  sku: z.enum(DISK_SKUS).default("Premium_LRS"),
});

const patchWindow = z.strictObject({
  day: z.enum(WEEKDAYS),
  start: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be a time of day as HH:MM in Norwegian time, e.g. \"02:00\"" })
    .meta({ description: "Start, Norwegian time (Europe/Oslo), HH:MM." }),
  hours: z.number().int().min(2).max(4).default(3).meta({ description: "Length of the window in whole hours, 2-4." }),
});

/** A VM as a tenant system's hosting.vms declares it; platform.yaml's sharedServices.*.workloads reuse it. */
export const vmSchema = z.strictObject({
  size: z.string().min(1).meta({ description: "VM size from the platform file's workloads.sizes, e.g. \"Standard_D4s_v5\"." }),
  image: z.enum(OS_IMAGE_KEYS).meta({ description: "OS image: Windows Server 2022 or 2025, Ubuntu 24.04 LTS or RHEL 9." }),
  osDiskGb: z.number().int().min(30).max(4095).default(128).meta({ description: "OS disk size in GB." }),
  osDiskSku: z.enum(DISK_SKUS).default("Premium_LRS"),
  dataDisks: z.record(keyName, dataDisk).default({}).meta({ description: "Data disks, keyed by a stable name." }),
  backupTier: keyName.optional().meta({ description: "Backup tier from the platform file; default the file's backup.tier." }),
  patchWindow: patchWindow.meta({ description: "When Azure Update Manager may install updates and restart the VM." }),
  state: z.enum(VM_STATES).meta({
    description: "planned: nothing is created; migrating and running: the VM runs and is backed up; retired: the VM is removed, its backups kept.",
  }),
  renamedFrom: keyName.optional().meta({ description: "Set when you rename the VM's key: the key it had before, so the VM is kept, not replaced." }),
});

const hosting = z.strictObject({
  zone: z.enum(WORKLOAD_ZONES).meta({ description: "The zone of the municipality's network its VMs are in; secure only for sensitive systems." }),
  vms: z.record(keyName, vmSchema).meta({ description: "The system's virtual machines, keyed by a stable name." }),
});

const system = z.strictObject({
  name: z.string().min(2),
  vendor: z.string().min(2),
  contractEnd: isoDate.optional(),
  runsOn: z.enum(SYSTEM_LOCATIONS).meta({ description: "Where the system runs today." }),
  canMove: z.boolean().default(true).meta({ description: "Whether it can move onto the shared platform." }),
  dependsOn: z.array(keyName).default([]).meta({ description: "Keys of systems in this file it integrates with." }),
  sensitive: z.boolean().default(false).meta({ description: "Holds health, child welfare or other special-category data: only such a system may have VMs in the secure zone." }),
  hosting: hosting.optional().meta({ description: "How the system is hosted on the platform: its virtual machines." }),
});

export const tenantSchema = z
  .strictObject({
    slug,
    displayName: z.string().min(3, { error: "must be the municipality's name, e.g. \"Senja kommune\"" }),
    kommunenummer,
    organisasjonsnummer,
    population,
    costCentre: z.string().min(1).meta({ description: "The municipality's cost centre (ansvar) for invoices." }),
    contacts: z.array(contact).min(1, { error: "must list at least one contact" }),
    services: z.array(z.enum(SERVICES)).default([]).meta({ description: "Subscribed services from the catalogue." }),
    network: network.default({ zones: {} }),
    sites: z.record(keyName, site).default({}).meta({ description: "On-premises sites connected by VPN, keyed by a stable name." }),
    identity: identity.default({ externalAdmins: [] }),
    wifi: wifi.optional(),
    storage: storage.optional(),
    backup: backup.optional(),
    azure: z
      .strictObject({
        subscriptionId: z
          .uuid({ error: "must be a subscription id (a GUID like 0b1f6471-1bf0-4dda-aec3-cb9272f09590)" })
          .optional()
          .meta({ description: "The municipality's own subscription; leave out to share the platform's." }),
        subscription: z
          .strictObject({
            create: z.boolean().meta({ description: "Ask for a subscription of its own, created by the platform (Microsoft.Subscription/aliases). It is created only once the platform team approves it in platform.yaml (governance.subscriptionVending.vend); until then validation fails." }),
          })
          .optional()
          .meta({ description: "A request for a subscription of the municipality's own." }),
      })
      .default({})
      .meta({ description: "Where the municipality's resources are deployed." }),
    github: z
      .strictObject({
        team: githubTeam.meta({ description: "The municipality's own GitHub team; .github/CODEOWNERS gives it review of this file, beside the platform team." }),
      })
      .optional()
      .meta({ description: "Who reviews changes to this file on GitHub besides the platform team (npx grunnmur codeowners)." }),
    offboarding: z
      .strictObject({
        leaving: z.literal(true, { error: "must be true; remove the offboarding section if the municipality stays" }),
        since: isoDate.meta({ description: "When the council decided to leave." }),
        reason: z.string().min(3),
        dataExportedTo: z.string().min(3).optional().meta({ description: "Where the municipality's files were exported, once done." }),
      })
      .optional()
      .meta({
        description:
          "Marks the municipality as leaving. It takes effect only with the platform team's approval (offboarding.<slug> in platform.yaml): then its stack takes no new resources, and once dataExportedTo is set and since has passed, its resources may be removed.",
      }),
    joined: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "must be a month written as YYYY-MM, e.g. \"2027-01\"" })
      .optional()
      .meta({ description: "The month the municipality joins the platform (YYYY-MM); its monthly budget starts then, or in the month of its first deployment if that is later." }),
    budget,
    systems: z.record(keyName, system).default({}).meta({ description: "System inventory (systemkartlegging), keyed by a stable name." }),
    sharedServices: z
      .record(keyName, z.strictObject({ zones: z.array(z.enum(WORKLOAD_ZONES)).min(1).meta({ description: "The zones of this municipality that reach the service: general, or a zone in network.zones." }) }))
      .default({})
      .meta({ description: "Shared services the platform hosts once (platform.yaml sharedServices) this municipality subscribes to, by the service's key; only the listed zones reach it, and the municipality pays its share of the service." }),
    waivers,
  })
  .meta({ title: "grunnmur tenant", description: "One participating municipality of the shared digital foundation." });

export type TenantFile = z.output<typeof tenantSchema>;
