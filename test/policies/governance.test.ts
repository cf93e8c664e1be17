import { describeCases } from "../helpers/policy-cases";
import { governanceCases } from "./cases/governance";

describeCases("rules for every resource (RG-01, TG-01, DL-01) and waivers (WV-01)", governanceCases);
