/**
 * The platform file schema: the host municipality's settings for the shared
 * foundation (`platform.yaml`). Every choice a host may change has a default here.
 */
import { OS_IMAGE_KEYS } from "../../domain/compute/images";
import { VM_SIZES } from "../../domain/compute/sizes";
import { z } from "zod";
import { COUNTIES, COUNTY_CODES } from "../validation/identifiers";
import {
  isoDate,
  cidrBlock,
  githubTeam,
  domainName,
  email,
  ipAddress,
  keyName,
  kommunenummer,
  organisasjonsnummer,
  population,
  secretRef,
  slug,
  waivers,
} from "./fields";
import { keyVaults } from "./key-vaults";
import { sharedServices, sharedServicesSpoke } from "./shared-services";
import { LIMITS, limitOverrideProblem } from "../../domain/preflight/limits";
import { HUB_KEY_PATTERN, HUB_MAIN } from "../../domain/network/hub-placement";
import { KEY_VAULT_DENIED_DEFAULT, NSM_LOG_RETENTION_DAYS } from "../../domain/alerting/thresholds";

const host = z.strictObject({
  slug,
  displayName: z.string().min(3),
  kommunenummer,
  organisasjonsnummer,
  population,
  costCentre: z.string().min(1),
  member: z
    .boolean()
    .default(false)
    .meta({
      description:
        "The host uses the platform as a member too: its own spoke, storage, Wi-Fi and workloads come from a tenant file of its own, tenants/<host slug>.yaml, with the host's slug, kommunenummer, organisasjonsnummer and population. Its cost is its own resources plus its platform share, like every member's.",
    }),
});

const countyCode = z
  .string()
  .refine((code) => code in COUNTIES, { error: `must be a county number: ${COUNTY_CODES.join(", ")}` });

// Tunnel counts per SKU: learn.microsoft.com/azure/vpn-gateway/about-gateway-skus (VpnGw1-3AZ: 30 S2S, VpnGw4-5AZ: 100).
const vpnGatewaySku = z
  .enum(["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"])
  .meta({ description: "Zone-redundant VPN gateway size: VpnGw1AZ-VpnGw3AZ take 30 site-to-site tunnels, VpnGw4AZ and VpnGw5AZ 100." });

// A hub's shared tenant subscription (domain/azure/tenant-subscription.ts); checked against the other subscriptions in tenants/validation/subscription-rules.ts.
const tenantSubscriptionId = z
  .uuid({ error: "must be a subscription id (a GUID like 0b1f6471-1bf0-4dda-aec3-cb9272f09590)" })
  .optional()
  .meta({
    description:
      "A subscription shared by this hub's municipalities that have none of their own: their resources, role assignments and own backup vaults go there instead of into the platform's, while the hub's side of their spokes (peering, DNS) stays in the platform's. Azure allows 4,000 role assignments per subscription, so a region of hundreds of municipalities spreads them over its hubs' subscriptions (docs/hubs.md). Not the platform's subscription, nor one registered under subscriptions or used by another hub. Leave out to keep the hub's municipalities in the platform's subscription.",
  });

const hubKey = z
  .string()
  .regex(HUB_KEY_PATTERN, { error: "must be 2-16 lowercase letters and digits starting with a letter, e.g. nord or trondelag" })
  .refine((key) => key !== HUB_MAIN, { error: `"${HUB_MAIN}" is the primary hub, network.hub; choose another key` })
  // The DR hub's resources are named hub-dr-...; a hub keyed dr would take its names.
  .refine((key) => key !== "dr", { error: "\"dr\" is the DR hub's name, network.drHub; choose another key" });

const approvedPublicPrefix = z.strictObject({
  prefix: cidrBlock.meta({ description: "A public block the municipality holds (e.g. from RIPE or its provider), routed through its VPN." }),
  reason: z
    .string()
    .min(20, { error: "must say in a sentence why this municipality routes public space through its VPN and who assigned it" })
    .meta({ description: "Why the site needs it and who assigned the block; read in review." }),
});

// Secure by default: a site routes private space only, and each exception is written here, in the platform team's file.
const onPremises = z
  .strictObject({
    allowSharedAddressSpace: z
      .boolean()
      .default(false)
      .meta({ description: "Let sites route shared address space (100.64.0.0/10, RFC 6598), e.g. behind a provider's carrier-grade NAT." }),
    publicPrefixes: z
      .record(slug, z.array(approvedPublicPrefix).min(1))
      .default({})
      .meta({ description: "Public blocks a tenant's sites may route, by tenant slug; a site prefix must lie inside one approved for its own municipality." }),
    allowDocumentationAddresses: z
      .boolean()
      .default(false)
      .meta({ description: "Accept documentation addresses (RFC 5737) as a site's publicIp. For an example region only; never in a real region." }),
  })
  .meta({ description: "What tenants' on-premises sites may route and use as VPN endpoints." });

/** Azure limits the region preflight counts against (domain/preflight/limits.ts), by key. */
const limits = z
  .record(z.string(), z.number().int().positive({ error: "must be a whole number above 0" }))
  .superRefine((value, ctx) => {
    for (const [key, n] of Object.entries(value)) {
      const problem = limitOverrideProblem(key, n);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
    }
  })
  .optional()
  .meta({
    description: `Azure limits the region preflight of grunnmur preview counts against, by key (${LIMITS.map((l) => l.key).join(", ")}). Set one lower to keep headroom; higher only where Azure has raised it for the subscription on request, as the limit's reference says. vcpus has no default: state the subscription's Total Regional vCPUs quota to have it counted.`,
  });

const network = z.strictObject({
  hub: z.strictObject({
    addressSpace: cidrBlock.meta({ description: "Hub VNet in the primary region; a /23 or larger." }),
    firewallTier: z.enum(["Standard", "Premium"]).default("Standard").meta({ description: "Azure Firewall tier; Premium adds TLS inspection and IDPS." }),
    vpnGatewaySku: vpnGatewaySku.default("VpnGw1AZ"),
    bastionSku: z.enum(["Basic", "Standard"]).default("Basic"),
    tenantSubscriptionId,
  }).meta({ description: "The primary hub (key main): its own firewall, VPN gateway and DNS resolver, and the core every hub reaches (RADIUS, the Key Vault endpoint, Bastion). It serves every county no hub in network.hubs claims." }),
  hubs: z
    .record(
      hubKey,
      z.strictObject({
        addressSpace: cidrBlock.meta({ description: "The hub's VNet in the primary region; a /23 or larger, apart from every other hub, the DR hub, the tenant pool and the shared-services spoke." }),
        counties: z
          .array(countyCode)
          .min(1, { error: "must list at least one county number this hub serves" })
          .meta({ description: "Two-digit county numbers whose municipalities attach to this hub; a county belongs to one hub at most. Changing this list moves tenants between hubs, which the report shows as blocking." }),
        vpnGatewaySku: vpnGatewaySku.default("VpnGw1AZ"),
        firewallTier: z.enum(["Standard", "Premium"]).optional().meta({ description: "Azure Firewall tier of this hub; default the primary hub's. Its policy inherits the isolation rules from the primary hub's parent policy." }),
        tenantSubscriptionId,
      }),
    )
    .optional()
    .meta({ description: "More hubs beside the primary one, by a stable key (lowercase letters and digits, e.g. nord, trondelag; not main). Each is a full hub with its own firewall, VPN gateway and DNS resolver, peered to the primary hub; see docs/hubs.md." }),
  drHub: z
    .strictObject({ addressSpace: cidrBlock.meta({ description: "Hub VNet in the DR region." }) })
    .optional(),
  tenantPool: z
    .strictObject({
      cidr: cidrBlock.meta({ description: "The regional pool tenant spokes are allocated from." }),
      blockPrefixLength: z
        .number()
        .int()
        .min(16)
        .max(25, { error: "must be /25 or larger so a spoke holds its zones" })
        .default(23)
        .meta({ description: "Size of an allocated spoke block." }),
      counties: z
        .array(countyCode)
        .min(1)
        .meta({ description: "Counties served, in a fixed order: a spoke's block is indexed by county and municipality number." }),
    })
    .meta({ description: "Spokes without an explicit address space get block (county index × 100 + last two digits of the kommunenummer)." }),
  onPremises: onPremises.default({ allowSharedAddressSpace: false, publicPrefixes: {}, allowDocumentationAddresses: false }),
  sharedServicesSpoke: sharedServicesSpoke.optional(),
});

const backupTier = z.strictObject({
  description: z.string().min(3),
  dailyRetentionDays: z.number().int().min(7).max(9999),
  weeklyRetentionWeeks: z.number().int().min(0).max(5163).default(0),
  monthlyRetentionMonths: z.number().int().min(0).max(1188).default(0),
  yearlyRetentionYears: z.number().int().min(0).max(99).default(0),
});

const costAllocation = z.discriminatedUnion(
  "key",
  [
    z.strictObject({
      key: z.literal("equal-population"),
      equalPercent: z.number().min(0).max(100).default(40),
      populationPercent: z.number().min(0).max(100).default(60),
    }),
    z.strictObject({
      key: z.literal("fixed-percentages"),
      percentages: z.record(slug, z.number().min(0).max(100)),
    }),
    z.strictObject({
      key: z.literal("fixed-fee-per-capita"),
      fixedFeeNokPerYear: z.number().min(0),
      perInhabitantNokPerYear: z.number().min(0),
    }),
  ],
  { error: "key must be equal-population, fixed-percentages or fixed-fee-per-capita" },
);

const nationalProxy = z.strictObject({
  address: ipAddress,
  port: z.number().int().min(1).max(65535).default(1812),
  secret: secretRef,
});

export const PRICE_UNITS = ["hour", "month", "gb-month", "gb", "instance-month", "10k-operations", "vcpu-hour"] as const;

const priceItem = z.strictObject({
  description: z.string().min(3),
  unit: z.enum(PRICE_UNITS).meta({ description: "What one price unit is: an hour running, a month, a GB stored for a month, a GB processed, ..." }),
  nok: z.number().min(0).meta({ description: "Price in NOK per unit, excluding VAT." }),
});

const prices = z
  .strictObject({
    date: isoDate.meta({ description: "When the prices were read." }),
    source: z.string().min(3).meta({ description: "Where the prices come from, e.g. the Azure pricing calculator for Norway East." }),
    currency: z.literal("NOK").default("NOK"),
    exchangeRate: z
      .strictObject({ from: z.enum(["USD", "EUR"]), nokPerUnit: z.number().positive() })
      .meta({ description: "Rate used to convert list prices to NOK." }),
    items: z.record(keyName, priceItem).meta({ description: "Price per SKU or meter, keyed by a stable name the cost model uses." }),
  })
  .meta({ description: "Price table for cost estimates; data only, no network access when costs are computed." });

const alertContact = z.strictObject({
  name: z.string().min(2, { error: "must name the person or team, e.g. \"Driftsvakt\"" }),
  email,
});

// Optional: a platform without it deploys exactly what it did before.
const alerting = z
  .strictObject({
    platformContacts: z
      .array(alertContact)
      .min(1, { error: "must list at least one contact of the platform team" })
      .meta({ description: "Who in the platform team gets the platform's alerts (firewall, VPN, RADIUS, Key Vault, backup, Service Health); municipalities' alerts go to the contacts in their tenant files." }),
    keyVaultDeniedPerFiveMinutes: z
      .number()
      .int()
      .min(1, { error: "must be a whole number of at least 1" })
      .default(KEY_VAULT_DENIED_DEFAULT)
      .meta({ description: "Access-denied (HTTP 403) answers from the platform Key Vault within five minutes that raise an alert." }),
    auditLogRetentionDays: z
      .number()
      .int()
      .min(NSM_LOG_RETENTION_DAYS, { error: `must be at least ${NSM_LOG_RETENTION_DAYS} days (six months, docs/alerting.md)` })
      .max(730, { error: "must be at most 730 days, the longest interactive retention of a Log Analytics table" })
      .default(NSM_LOG_RETENTION_DAYS)
      .meta({ description: "Days the central workspace keeps the activity log and the Entra ID sign-in and audit logs." }),
  })
  .optional()
  .meta({ description: "Alerts to the people who must act, and the activity and sign-in logs in the central workspace (docs/alerting.md)." });
/** Defender for Cloud plans the platform can switch on, by the key platform.yaml uses. */
export const DEFENDER_PLAN_KEYS = ["servers", "storage", "keyVaults", "resourceManager"] as const;

const governance = z
  .strictObject({
    managementGroupPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,50}[a-z0-9]$/, { error: 'must be 3 to 52 lower-case letters, digits or hyphens, starting with a letter, e.g. "tromso-grunnmur"' })
      .optional()
      .meta({ description: "Id of the region's top management group and the start of its children's ids (<prefix>-platform, -municipalities, -decommissioned). Default: <host slug>-grunnmur." }),
    subscriptionVending: z
      .strictObject({
        billingScope: z
          .string()
          .regex(/^\/providers\/Microsoft\.Billing\/billingAccounts\/[^/]+\/(billingProfiles\/[^/]+\/invoiceSections\/[^/]+|enrollmentAccounts\/[^/]+)$/, {
            error: "must be an invoice section (/providers/Microsoft.Billing/billingAccounts/<account>/billingProfiles/<profile>/invoiceSections/<section>) or an enrollment account (/providers/Microsoft.Billing/billingAccounts/<account>/enrollmentAccounts/<id>)",
          })
          .meta({ description: "Where new municipalities' subscriptions are billed: an MCA invoice section or an EA enrollment account." }),
        vend: z
          .array(slug)
          .default([])
          .meta({ description: "Tenants that get a subscription created for them, by slug. Once it exists, register its id under subscriptions and name it in the tenant file's azure.subscriptionId." }),
      })
      .optional()
      .meta({ description: "Subscription vending: a subscription created with Microsoft.Subscription/aliases for each tenant listed, under this billing scope." }),
    defender: z
      .strictObject({
        plans: z
          .array(z.enum(DEFENDER_PLAN_KEYS))
          .min(1)
          .default([...DEFENDER_PLAN_KEYS])
          .meta({ description: `Defender for Cloud plans switched on in every subscription of the region: ${DEFENDER_PLAN_KEYS.join(", ")}. Each costs per protected resource (prices.items defender-*).` }),
        serversPlan: z.enum(["P1", "P2"]).default("P1").meta({ description: "Defender for Servers plan 1 or plan 2 (plan 2 adds vulnerability assessment and file integrity monitoring)." }),
        securityContact: z
          .strictObject({
            emails: z.array(email).min(1).meta({ description: "The platform team's addresses Defender for Cloud mails its alerts to." }),
            minimalSeverity: z.enum(["Low", "Medium", "High"]).default("Medium"),
          })
          .meta({ description: "Who Defender for Cloud tells about alerts in every subscription: the platform team." }),
      })
      .meta({ description: "Microsoft Defender for Cloud in every subscription of the region, exporting to the central workspace." }),
  })
  .optional()
  .meta({
    description:
      "Guardrails in Azure itself: a management group hierarchy holding the platform's and municipalities' subscriptions, Azure Policy assignments twinned with the policy pack, exemptions from tenant waivers, and Defender for Cloud. Without this section none of it is created.",
  });

export const platformSchema = z
  .strictObject({
    host,
    environment: z.enum(["prod", "test"]).default("prod"),
    regions: z
      .strictObject({
        // Norwegian regions only: the Archive Act keeps the archive in Norway.
        primary: z.literal("norwayeast", { error: "must be norwayeast; data stays in Norway" }).default("norwayeast"),
        dr: z
          .strictObject({
            enabled: z.boolean().default(false).meta({ description: "Run the DR hub in Norway West. Opt-in: Norway West is access-restricted, so the subscription needs Microsoft's approval of a region access request first." }),
            location: z.literal("norwaywest", { error: "must be norwaywest; data stays in Norway" }).default("norwaywest"),
            firewall: z
              .boolean()
              .default(false)
              .meta({ description: "Also run a firewall with the same rules in the DR hub (about NOK 11,000 a month); otherwise it is deployed on failover." }),
          })
          .default({ enabled: false, location: "norwaywest", firewall: false }),
      })
      .default({ primary: "norwayeast", dr: { enabled: false, location: "norwaywest", firewall: false } }),
    network,
    logging: z
      .strictObject({
        // eduroam requires authentication logs for six months.
        retentionDays: z.number().int().min(90, { error: "must be at least 90 days" }).max(730).default(180),
      })
      .default({ retentionDays: 180 }),
    alerting,
    backup: z.strictObject({
      immutability: z
        .enum(["Locked", "Unlocked"])
        .default("Locked")
        .meta({ description: "Locked cannot be undone: backups can then never be deleted before they expire. Use Unlocked only in test." }),
      softDeleteRetentionDays: z.number().int().min(14).max(180).default(14).meta({ description: "Days deleted backups stay recoverable." }),
      tiers: z.record(keyName, backupTier).meta({ description: "Backup tiers tenants choose from." }),
    }),
    eduroam: z
      .strictObject({
        nationalProxies: z
          .record(keyName, nationalProxy)
          .meta({ description: "Sikt's national proxies (FLR), tried in the order written: the first is primary, the rest fail-over." }),
        serverCertificate: secretRef
          .default({ keyVaultSecret: "eduroam-radius-server" })
          .meta({ description: "Key Vault certificate (PEM content type) the RADIUS servers present: serverAuth EKU, SAN, chain and key; fetched at boot." }),
      })
      .optional()
      .meta({ description: "eduroam: national proxies and what every RADIUS server of the platform needs." }),
    radius: z
      .strictObject({
        count: z.number().int().min(2, { error: "must be at least 2: eduroam needs a fail-over server" }).max(4).default(2),
        vmSize: z.string().min(3).default("Standard_B2s"),
        adminUsername: z.string().regex(/^[a-z][a-z0-9-]{2,31}$/).default("radiusadmin"),
        adminPublicKey: z
          .string()
          .regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256) [A-Za-z0-9+/=]+( .*)?$/, { error: "must be an SSH public key line like \"ssh-ed25519 AAAA... team@host\"" })
          .meta({ description: "The regional team's SSH public key (not a secret); password login is disabled." }),
      })
      .optional()
      .meta({ description: "The eduroam RADIUS servers; required when eduroam is set." }),
    identity: z
      .strictObject({
        conditionalAccess: z.enum(["enabled", "report-only"]).default("enabled").meta({ description: "report-only lets a host trial the MFA policies first." }),
      })
      .default({ conditionalAccess: "enabled" }),
    prices,
    costAllocation: costAllocation.default({ key: "equal-population", equalPercent: 40, populationPercent: 60 }),
    github: z
      .strictObject({
        platformTeam: githubTeam.meta({ description: "The regional IT team: .github/CODEOWNERS makes it the owner of every file, and the only one of platform.yaml, policies/, code and workflows." }),
      })
      .optional()
      .meta({ description: "The GitHub teams behind the generated .github/CODEOWNERS (npx grunnmur codeowners)." }),
    offboarding: z
      .record(
        slug,
        z.strictObject({
          approved: isoDate.meta({ description: "The day the platform team approved the departure (YYYY-MM-DD); not in the future." }),
          by: z.string().min(3, { error: "must name who approved it, e.g. \"Kari Nordmann, regional IT lead\"" }).meta({ description: "Who in the platform team approved it." }),
        }),
      )
      .default({})
      .meta({
        description:
          "Departures the platform team has approved, by tenant slug. A tenant file's offboarding.leaving mark takes effect only with an entry here, in the file only the platform team may change.",
      }),
    keyVaults,
    domains: z
      .record(slug, z.array(domainName).min(1, { error: "must list at least one domain, or leave the member out" }))
      .default({})
      .meta({
        description:
          "DNS domains each member controls, by slug (the host's and each tenant's), as the platform team has checked them (e.g. in Norid's registry). A tenant's eduroam realm must be one of its own or a name under one; no two members' domains may overlap.",
      }),
    subscriptions: z
      .record(slug, z.uuid({ error: "must be a subscription id (a GUID like 0b1f6471-1bf0-4dda-aec3-cb9272f09590)" }))
      .default({})
      .meta({
        description:
          "The Azure subscription of each municipality that has its own, by slug, as the platform team has checked it belongs to that municipality. A tenant file's azure.subscriptionId counts only when it is the one registered here: the deploy identity would otherwise create its resources in whatever subscription the file names.",
      }),
    waivers,
    governance,
    limits,
    sharedServices,
    workloads: z
      .strictObject({
        sizes: z
          .array(z.enum(VM_SIZES.map((v) => v.name) as [string, ...string[]]))
          .min(1)
          .meta({ description: `VM sizes members' systems may use; each needs its hourly price in prices.items (vm-<size>, e.g. vm-d4s-v5). Known sizes: ${VM_SIZES.map((v) => v.name).join(", ")}.` }),
        images: z.array(z.enum(OS_IMAGE_KEYS)).min(1).default([...OS_IMAGE_KEYS]).meta({ description: "OS images members' VMs may run; default all grunnmur knows." }),
        linuxAdminSshPublicKey: z
          .string()
          .regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256) [A-Za-z0-9+/=]{40,} ?[^\n]*$/, { error: "must be an OpenSSH public key line, e.g. \"ssh-ed25519 AAAAC3Nz... platform-break-glass\"" })
          .meta({ description: "The platform team's break-glass SSH public key for Linux VMs (password sign-in is off; people sign in with Entra ID). A public key, not a secret." }),
      })
      .optional()
      .meta({ description: "What members' virtual machines may be: without this section no tenant file may host a VM." }),
  })
  .meta({ title: "grunnmur platform", description: "The host municipality's settings for the shared digital foundation." });

export type PlatformFile = z.output<typeof platformSchema>;
