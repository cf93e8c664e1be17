import { describeCases } from "../helpers/policy-cases";
import { loggingCases } from "./cases/logging";

describeCases("logging rules (LG-01, LG-03)", loggingCases);
