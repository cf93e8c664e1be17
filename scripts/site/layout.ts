/**
 * The frame every page of the region site shares: one inline style sheet, a
 * navigation bar of relative links, and a Content-Security-Policy that lets the
 * browser load nothing from anywhere, so the site works from a file, from GitHub
 * Pages or from a USB stick, and an escaped tenant string that slipped through
 * could still not run or fetch anything.
 */
import { escapeHtml, html, render, type Content, type Html } from "./html";

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1a202c; background: #fff; line-height: 1.45; }
header { background: #1a365d; color: #fff; padding: 0.6rem 1.5rem; }
header a { color: #fff; margin-right: 1.2rem; text-decoration: none; }
header a[aria-current="page"] { text-decoration: underline; font-weight: bold; }
main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
h1 { font-size: 1.6rem; margin: 0.6rem 0; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #cbd5e0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #cbd5e0; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { background: #fffbea; border-left: 4px solid #d69e2e; padding: 0.5rem 0.8rem; }
.ok { color: #276749; } .warn { color: #975a16; } .bad { color: #9b2c2c; font-weight: bold; }
figure { margin: 1rem 0; overflow-x: auto; } figcaption { font-size: 0.85rem; color: #4a5568; }
footer { font-size: 0.8rem; color: #4a5568; padding: 1rem 1.5rem; border-top: 1px solid #cbd5e0; }
`;

export interface PageFrame {
  readonly title: string;
  /** How many folders below the site's root the page lies, for its relative links. */
  readonly depth: number;
  /** The navigation entry this page is, if any. */
  readonly current?: "region" | "catalogue";
  readonly body: Content;
  /** Shown in the footer: when and from what the site was generated. */
  readonly footer: Content;
}

export function sitePage(frame: PageFrame): string {
  const up = "../".repeat(frame.depth);
  const nav = (href: string, label: string, key: PageFrame["current"]): Html =>
    key === frame.current ? html`<a href="${up}${href}" aria-current="page">${label}</a>` : html`<a href="${up}${href}">${label}</a>`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(frame.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    render(html`<header><nav>${nav("index.html", "Region", "region")}${nav("catalogue.html", "Service catalogue", "catalogue")}</nav></header>`),
    `<main>\n${render(frame.body)}\n</main>`,
    `<footer>${render(frame.footer)}</footer>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
