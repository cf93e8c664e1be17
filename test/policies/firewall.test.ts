import { describeCases } from "../helpers/policy-cases";
import { firewallCases } from "./cases/firewall";

describeCases("firewall rules (NW-03.2, NW-03.3)", firewallCases);
