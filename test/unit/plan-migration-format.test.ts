import { planMarkdown, waveLine } from "../../scripts/commands/plan-migration";

const wave = { wave: 2, waveStart: "2027-04-01", vms: ["profil-app", "profil-db"], resources: 22, monthlyNok: 12345.4, backupGb: 1536 };

describe("plan-migration's figures in the one number format", () => {
  it("prints a wave's monthly cost and backup storage grouped with spaces", () => {
    expect(waveLine(wave)).toBe("wave 2: 2 VMs (profil-app, profil-db), 22 resources, NOK 12 345 a month, backup storage 1 536 GB");
  });

  it("does the same in Markdown", () => {
    const md = planMarkdown("senja", { waves: [[], [{ key: "profil", name: "Profil", vendor: "Visma", wave: 2, waveStart: "2027-04-01" }]], staying: [], alreadyMoved: [] } as never, [{ ...wave, wave: 1, vms: [] }, wave]);
    expect(md).toContain("2 VMs (`profil-app`, `profil-db`): 22 resources, NOK 12 345 a month, backup storage 1 536 GB.");
  });
});
