import { describeCases } from "../helpers/policy-cases";
import { identityCases } from "./cases/identity";

describeCases("identity rules (ID-01 … ID-03)", identityCases);
