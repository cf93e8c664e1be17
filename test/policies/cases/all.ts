import type { PolicyCase } from "../../helpers/policy-cases";
import { backupCases } from "./backup";
import { firewallCases } from "./firewall";
import { governanceCases } from "./governance";
import { guardrailCases } from "./guardrails";
import { identityCases } from "./identity";
import { keyVaultCases } from "./keyvault";
import { loggingCases } from "./logging";
import { networkCases } from "./network";
import { storageCases } from "./storage";
import { workloadCases } from "./workloads";

export const ALL_CASES: readonly PolicyCase[] = [...storageCases, ...keyVaultCases, ...networkCases, ...firewallCases, ...loggingCases, ...identityCases, ...backupCases, ...governanceCases, ...guardrailCases, ...workloadCases];
