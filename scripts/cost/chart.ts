/**
 * A horizontal stacked bar chart (SVG) of what each member pays per inhabitant
 * per year, own services and share of the platform, against seed 000's NOK 15
 * per inhabitant for the shared datacentre it replaces: the comparison a
 * council asks for. A pure function of the report, so the static site can draw
 * the same chart.
 */
import type { CostReport } from "../../domain/cost/estimate";
import { notIncludedLine } from "../../domain/cost/not-included";
import { formatNokPerInhabitant, perInhabitantRows } from "../../domain/cost/per-inhabitant";
import { formatNumber } from "../../domain/format/numbers";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const OWN = "#2b6cb0";
const SHARED = "#ed8936";

export function costChartSvg(report: CostReport): string {
  const rows = perInhabitantRows(report.members);
  const seed = report.seed.perInhabitantNok;
  const rowHeight = 28;
  const left = 190;
  const barWidth = 520;
  const top = 74;
  const bottom = top + rows.length * rowHeight;
  const height = bottom + 60;
  // The seed's line always fits, with room for the label of the longest bar.
  const max = Math.max(seed, ...rows.map((r) => r.own + r.platformShare)) * 1.05;
  const scale = (v: number) => (v / max) * barWidth;
  const seedX = (left + scale(seed)).toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + barWidth + 130}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<title>Estimated cost per inhabitant per year, NOK, per municipality</title>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">Estimated cost per inhabitant per year (NOK)</text>`,
    `<rect x="${left}" y="34" width="12" height="12" fill="${OWN}"/><text x="${left + 18}" y="45">own services</text>`,
    `<rect x="${left + 130}" y="34" width="12" height="12" fill="${SHARED}"/><text x="${left + 148}" y="45">share of the shared platform</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const own = scale(r.own);
    const shared = scale(r.platformShare);
    parts.push(
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${escapeXml(r.displayName)}${r.host ? " (host)" : ""}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${own.toFixed(1)}" height="18" fill="${OWN}" data-member="${escapeXml(r.slug)}" data-part="own"/>`,
      `<rect x="${(left + own).toFixed(1)}" y="${y + 4}" width="${shared.toFixed(1)}" height="18" fill="${SHARED}" data-member="${escapeXml(r.slug)}" data-part="platform-share"/>`,
      `<text x="${(left + own + shared + 6).toFixed(1)}" y="${y + 17}" data-member="${escapeXml(r.slug)}">${formatNokPerInhabitant(r.total)}</text>`,
    );
  });
  parts.push(
    `<line x1="${seedX}" y1="${top - 8}" x2="${seedX}" y2="${bottom + 4}" stroke="#c53030" stroke-width="2" stroke-dasharray="6 4" data-seed-nok="${seed}"/>`,
    `<text x="${seedX}" y="${top - 12}" text-anchor="middle" fill="#c53030" font-size="12">seed 000: shared datacentre, NOK ${formatNumber(seed)} per inhabitant</text>`,
    `<text x="10" y="${height - 30}" font-size="11" fill="#555">${escapeXml(notIncludedLine())}</text>`,
    `<text x="10" y="${height - 14}" font-size="11" fill="#555">Prices ${escapeXml(report.prices.date)}, ${escapeXml(report.prices.source)}. Platform split ${escapeXml(report.allocationKey)}.</text>`,
    "</svg>",
    "",
  );
  return parts.join("\n");
}
