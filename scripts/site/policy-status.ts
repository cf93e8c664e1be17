/** A stack's policy status in one line, from the policy section `grunnmur preview` writes into its preview. */
import type { StackPreview } from "../preview/preview-file";

export type PolicyState = "no preview" | "not checked" | "passed" | "advisory findings" | "mandatory violations";

export interface PolicyStatus {
  readonly state: PolicyState;
  readonly text: string;
  /** The class the pages colour it with. */
  readonly tone: "ok" | "warn" | "bad";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function policyStatus(preview: StackPreview | undefined): PolicyStatus {
  if (!preview) return { state: "no preview", text: "no preview", tone: "warn" };
  if (!preview.policy) return { state: "not checked", text: "the policy check has not run over the preview", tone: "warn" };
  const { mandatory, advisory, waived } = preview.policy.summary;
  const waivedText = waived > 0 ? `, ${waived} waived` : "";
  if (mandatory > 0) return { state: "mandatory violations", text: `${plural(mandatory, "mandatory violation")}, ${advisory} advisory${waivedText}`, tone: "bad" };
  if (advisory > 0) return { state: "advisory findings", text: `passes; ${plural(advisory, "advisory finding")}${waivedText}`, tone: "warn" };
  return { state: "passed", text: `passes${waivedText}`, tone: "ok" };
}
