/**
 * Building HTML from strings safely: everything a tenant file, the platform file,
 * the catalogue or a preview says is untrusted text, so it is escaped on the way in,
 * and only markup this folder writes itself is passed on as trusted.
 */

/** Markup this folder wrote; a plain string is text and is always escaped. */
export interface Html {
  readonly html: string;
}

export type Content = string | number | Html | readonly Content[];

/** Text as HTML, safe in element content and in quoted attribute values (also inside inline SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Marks markup as trusted: use only for markup built in this folder. */
export const raw = (html: string): Html => ({ html });

/** Any content as markup: text escaped, numbers as written, trusted markup as it is. */
export function render(content: Content): string {
  if (typeof content === "string") return escapeHtml(content);
  if (typeof content === "number") return String(content);
  if (Array.isArray(content)) return (content as readonly Content[]).map(render).join("");
  return (content as Html).html;
}

/** A template tag: the literal parts are trusted markup, every interpolation is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: readonly Content[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return raw(out);
}

/** A table; a cell that should align right (a number) is given as { right: content }. */
export type Cell = Content | { readonly right: Content };

export function table(headers: readonly Cell[], rows: readonly (readonly Cell[])[], className?: string): Html {
  const cell = (tag: "th" | "td", c: Cell) =>
    typeof c === "object" && c !== null && "right" in c ? `<${tag} class="num">${render(c.right)}</${tag}>` : `<${tag}>${render(c as Content)}</${tag}>`;
  const head = `<tr>${headers.map((h) => cell("th", h)).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => cell("td", c)).join("")}</tr>`).join("\n");
  return raw(`<table${className ? ` class="${escapeHtml(className)}"` : ""}>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`);
}
