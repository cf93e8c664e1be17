import { policyStatus } from "../../scripts/site/policy-status";
import type { PolicySummary, StackPreview } from "../../scripts/preview/preview-file";

function preview(summary?: Partial<PolicySummary>): StackPreview {
  return {
    stack: "senja",
    generatedBy: "test",
    resources: [],
    outputs: {},
    ...(summary ? { policy: { pack: "grunnmur", checkedOn: "2026-12-01", violations: [], waived: [], summary: { mandatory: 0, advisory: 0, waived: 0, policies: 58, resources: 0, ...summary } } } : {}),
  };
}

describe("a stack's policy status", () => {
  it.each([
    ["no preview", undefined, "no preview", "warn"],
    ["a preview the check never ran over", preview(), "the policy check has not run over the preview", "warn"],
    ["a clean check", preview({}), "passes", "ok"],
    ["a waiver", preview({ waived: 1 }), "passes, 1 waived", "ok"],
    ["advisory findings", preview({ advisory: 2 }), "passes; 2 advisory findings", "warn"],
    ["a mandatory violation", preview({ mandatory: 1, advisory: 1, waived: 2 }), "1 mandatory violation, 1 advisory, 2 waived", "bad"],
  ] as const)("reads %s", (_, p, text, tone) => {
    expect(policyStatus(p)).toMatchObject({ text, tone });
  });
});
