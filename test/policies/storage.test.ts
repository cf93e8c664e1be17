import { describeCases } from "../helpers/policy-cases";
import { storageCases } from "./cases/storage";

describeCases("storage rules (ST-01 … ST-09)", storageCases);
