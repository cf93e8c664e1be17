import { describeCases } from "../helpers/policy-cases";
import { backupCases } from "./cases/backup";

describeCases("backup rules (BK-01 … BK-08)", backupCases);
