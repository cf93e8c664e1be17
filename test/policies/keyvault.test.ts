import { describeCases } from "../helpers/policy-cases";
import { keyVaultCases } from "./cases/keyvault";

describeCases("key vault rules (KV-01 … KV-04)", keyVaultCases);
