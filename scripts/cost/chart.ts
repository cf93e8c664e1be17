/**
 * A horizontal stacked bar chart (SVG) of each member's yearly cost, own part
 * and platform share, for councils who would rather look than read.
 */
import type { CostReport } from "../../domain/cost/estimate";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function costChartSvg(report: CostReport): string {
  const rowHeight = 28;
  const left = 190;
  const barWidth = 520;
  const top = 50;
  const height = top + report.members.length * rowHeight + 50;
  const max = Math.max(1, ...report.members.map((m) => m.totalYearly));
  const scale = (v: number) => (v / max) * barWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + barWidth + 130}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<title>Estimated yearly cost per member, NOK</title>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">Estimated yearly cost per member (NOK)</text>`,
    `<rect x="${left}" y="30" width="12" height="12" fill="#2b6cb0"/><text x="${left + 18}" y="41">own services</text>`,
    `<rect x="${left + 130}" y="30" width="12" height="12" fill="#ed8936"/><text x="${left + 148}" y="41">share of the shared platform</text>`,
  ];
  report.members.forEach((m, i) => {
    const y = top + i * rowHeight;
    const own = scale(m.ownMonthly * 12);
    const shared = scale(m.platformShareMonthly * 12);
    parts.push(
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${escapeXml(m.displayName)}${m.host ? " (host)" : ""}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${own.toFixed(1)}" height="18" fill="#2b6cb0"/>`,
      `<rect x="${(left + own).toFixed(1)}" y="${y + 4}" width="${shared.toFixed(1)}" height="18" fill="#ed8936"/>`,
      `<text x="${(left + own + shared + 6).toFixed(1)}" y="${y + 17}">${Math.round(m.totalYearly).toLocaleString("en-US")}</text>`,
    );
  });
  parts.push(`<text x="10" y="${height - 15}" font-size="11" fill="#555">Prices ${escapeXml(report.prices.date)}, ${escapeXml(report.prices.source)}. Platform split ${escapeXml(report.allocationKey)}.</text>`, "</svg>", "");
  return parts.join("\n");
}
