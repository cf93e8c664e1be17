import { describeCases } from "../helpers/policy-cases";
import { guardrailCases } from "./cases/guardrails";

describeCases("Azure Policy twins of the pack (GV-01)", guardrailCases);
