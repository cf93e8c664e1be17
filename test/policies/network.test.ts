import { describeCases } from "../helpers/policy-cases";
import { networkCases } from "./cases/network";

describeCases("network rules (NW-01 … NW-05)", networkCases);
