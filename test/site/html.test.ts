import { escapeHtml, html, raw, render, table } from "../../scripts/site/html";

describe("escaping text for the region site", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`" onmouseover="x`, "&quot; onmouseover=&quot;x"],
    ["it's", "it&#39;s"],
    ["a & b", "a &amp; b"],
    ["&lt;", "&amp;lt;"],
    ["Kåfjord – Gáivuotna", "Kåfjord – Gáivuotna"],
  ])("turns %j into %j", (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it("escapes every value put into a template, but not the template's own markup", () => {
    const name = "<b>Senja</b>";
    expect(html`<p title="${name}">${name}</p>`.html).toBe(`<p title="&lt;b&gt;Senja&lt;/b&gt;">&lt;b&gt;Senja&lt;/b&gt;</p>`);
  });

  it("passes markup built here through unchanged, and escapes the text inside lists of it", () => {
    expect(render([raw("<br>"), "<br>", 3])).toBe("<br>&lt;br&gt;3");
    expect(html`<div>${html`<em>${"<i>"}</em>`}</div>`.html).toBe("<div><em>&lt;i&gt;</em></div>");
  });

  it("builds a table whose cells are escaped and whose numbers align right", () => {
    const t = table(["name", { right: "inhabitants" }], [["<x>", { right: "14 600" }]], "people").html;
    expect(t).toContain(`<table class="people">`);
    expect(t).toContain(`<th class="num">inhabitants</th>`);
    expect(t).toContain("<td>&lt;x&gt;</td><td class=\"num\">14 600</td>");
  });
});
