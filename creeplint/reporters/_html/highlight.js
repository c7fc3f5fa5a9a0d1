/* creeplint: findings highlighted in place, and what a highlight says. Shared by the HTML
   report and the `creeplint serve` page. A finding here is
   {a, b, rule, severity, category, message, suggestion, why, policy, signals, adjustments, weight}
   with a and b offsets into the text in UTF-16 units (JavaScript's). */
"use strict";
const CREEPLINT_RANK = {info: 0, warning: 1, error: 2};
const CREEPLINT_ICON = {info: "ℹ", warning: "▲", error: "✖"};

function creeplintEl(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

/* Append `text` to `container` as paragraphs (blank lines part them, as a reader sees the
   copy), each run of characters covered by findings in one <mark data-f="i j">. Every
   character of `text` stays in the DOM in order, so a finding's marks read its text. */
function creeplintHighlight(container, text, findings) {
  const cuts = new Set([0, text.length]);
  const clamp = (n) => Math.max(0, Math.min(n, text.length));
  for (const f of findings) { cuts.add(clamp(f.a)); cuts.add(clamp(f.b)); }
  const breaks = new Set();
  const para = /\n[ \t]*\n\s*/g;
  let m;
  while ((m = para.exec(text)) !== null) {
    const at = m.index + m[0].length;
    if (at < text.length) { cuts.add(at); breaks.add(at); }
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  let p = creeplintEl("p");
  container.appendChild(p);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    if (breaks.has(a) && p.childNodes.length) { p = creeplintEl("p"); container.appendChild(p); }
    const piece = text.slice(a, b);
    const cover = [];
    findings.forEach((f, n) => { if (f.b > f.a && f.a <= a && f.b >= b) cover.push(n); });
    if (!cover.length) { p.appendChild(document.createTextNode(piece)); continue; }
    let top = "info";
    for (const n of cover) if ((CREEPLINT_RANK[findings[n].severity] || 0) > CREEPLINT_RANK[top]) top = findings[n].severity;
    const mark = creeplintEl("mark", "sev-" + top, piece);
    mark.dataset.f = cover.join(" ");
    mark.tabIndex = 0;
    mark.setAttribute("role", "button");
    mark.setAttribute("aria-label", piece + " (" + cover.map((n) => findings[n].severity + ": " + findings[n].rule).join("; ") + ")");
    p.appendChild(mark);
  }
}

/* One finding explained: a heading and a definition list. */
function creeplintDescribe(f) {
  const box = creeplintEl("div", "one");
  const h = creeplintEl("h4");
  h.append(creeplintEl("span", "sev sev-" + f.severity, CREEPLINT_ICON[f.severity] + " " + f.severity), " ",
           creeplintEl("code", "", f.rule));
  box.appendChild(h);
  const dl = creeplintEl("dl");
  const row = (term, value) => {
    if (value === undefined || value === null || value === "") return;
    dl.append(creeplintEl("dt", "", term));
    const dd = creeplintEl("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.append(dd);
  };
  row("Flagged", "“" + f.text + "”");
  row("Message", f.message);
  row("Instead", f.suggestion);
  row("Category", f.category);
  row("Why it matters", f.why);
  row("Policy", f.policy);
  if (f.signals && f.signals.length) {
    const ul = creeplintEl("ul", "signals");
    for (const s of f.signals) ul.appendChild(creeplintEl("li", "", s.signal + ": “" + s.text + "”"));
    row("Signals", ul);
  }
  if (f.adjustments && f.adjustments.length) {
    row("Context", f.adjustments.map((j) => j.reason + " ×" + j.factor).join("; "));
  }
  if (f.weight !== undefined) row("Weight", String(f.weight));
  box.appendChild(dl);
  return box;
}

/* Hover, click, focus (Tab), Enter or Space on a highlight inside `root` shows its findings
   in `detail`; Escape closes it. `findingsOf(mark)` gives the finding objects of a mark. */
function creeplintAttach(root, detail, findingsOf) {
  const show = (mark) => {
    root.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
    const ids = mark.dataset.f.split(" ");
    root.querySelectorAll("mark[data-f]").forEach((m) => {
      if (m.dataset.f.split(" ").some((n) => ids.includes(n))) m.classList.add("active");
    });
    detail.replaceChildren(...findingsOf(mark).map(creeplintDescribe));
    detail.hidden = false;
  };
  const hide = () => {
    detail.hidden = true;
    root.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
  };
  const target = (e) => (e.target instanceof Element ? e.target.closest("mark[data-f]") : null);
  for (const type of ["mouseover", "focusin", "click"]) {
    root.addEventListener(type, (e) => { const m = target(e); if (m) show(m); });
  }
  root.addEventListener("keydown", (e) => {
    const m = target(e);
    if (e.key === "Escape") { hide(); if (m) m.blur(); }
    else if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); show(m); }
  });
  return {show, hide};
}
