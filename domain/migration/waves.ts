/**
 * Orders a municipality's systems into migration waves from its system
 * inventory (systemkartlegging): a system moves only after every system it
 * depends on that also moves, systems that stay (SaaS, or marked as unable to
 * move) are listed apart, and contracts that end before a system's wave are
 * flagged. Pure; cycles are rejected with the cycle named.
 */
export interface InventorySystem {
  readonly name: string;
  readonly vendor: string;
  readonly contractEnd?: string;
  readonly runsOn: "saas" | "on-premises" | "shared-platform" | "local-datacentre";
  readonly canMove: boolean;
  readonly dependsOn: readonly string[];
}

export interface PlannedSystem {
  readonly key: string;
  readonly name: string;
  readonly vendor: string;
  readonly wave: number;
  readonly waveStart: string;
  readonly contractEnd?: string;
  /** Set when the contract ends before the system's wave starts. */
  readonly contractWarning?: string;
}

export interface MigrationPlan {
  readonly waves: PlannedSystem[][];
  readonly staying: Array<{ key: string; name: string; reason: string }>;
  readonly alreadyMoved: string[];
}

export class DependencyCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`systems depend on each other in a cycle: ${cycle.join(" → ")}; break one dependency (or move them as one system) before planning`);
  }
}

function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function planMigration(systems: Readonly<Record<string, InventorySystem>>, start: string, monthsPerWave: number): MigrationPlan {
  const staying: MigrationPlan["staying"] = [];
  const alreadyMoved: string[] = [];
  const moving = new Set<string>();
  for (const [key, s] of Object.entries(systems).sort(([a], [b]) => a.localeCompare(b))) {
    if (s.runsOn === "shared-platform") alreadyMoved.push(key);
    else if (s.runsOn === "saas") staying.push({ key, name: s.name, reason: "SaaS: stays with the vendor; check its integrations" });
    else if (!s.canMove) staying.push({ key, name: s.name, reason: `stays ${s.runsOn === "on-premises" ? "on premises" : "in the local datacentre"} (canMove: false)` });
    else moving.add(key);
  }

  const wave = new Map<string, number>();
  const visiting: string[] = [];
  const visit = (key: string): number => {
    const known = wave.get(key);
    if (known !== undefined) return known;
    if (visiting.includes(key)) throw new DependencyCycleError([...visiting.slice(visiting.indexOf(key)), key]);
    visiting.push(key);
    const deps = (systems[key]?.dependsOn ?? []).filter((d) => moving.has(d));
    const w = deps.length === 0 ? 1 : Math.max(...deps.map(visit)) + 1;
    visiting.pop();
    wave.set(key, w);
    return w;
  };
  for (const key of [...moving].sort()) visit(key);

  const count = Math.max(0, ...wave.values());
  const waves: PlannedSystem[][] = Array.from({ length: count }, () => []);
  for (const key of [...moving].sort()) {
    const s = systems[key];
    const w = wave.get(key)!;
    const waveStart = addMonths(start, (w - 1) * monthsPerWave);
    const contractWarning =
      s.contractEnd && s.contractEnd < waveStart
        ? `contract ends ${s.contractEnd}, before wave ${w} starts ${waveStart}: extend it or move earlier`
        : undefined;
    waves[w - 1].push({ key, name: s.name, vendor: s.vendor, wave: w, waveStart, contractEnd: s.contractEnd, contractWarning });
  }
  return { waves, staying, alreadyMoved };
}
