/* creeplint HTML report: the messages, a page at a time, filtered in place. */
(function () {
  const D = JSON.parse(document.getElementById("creeplint-data").textContent);
  const PAGE = 50;
  const VERDICT = {fail: ["✖", "fail"], warn: ["▲", "warn"], pass: ["✔", "pass"]};
  const list = document.getElementById("list");
  const status = document.getElementById("status");
  const pagers = Array.from(document.querySelectorAll(".pager"));
  const form = {
    verdicts: Array.from(document.querySelectorAll('input[name="verdict"]')),
    category: document.getElementById("f-category"),
    file: document.getElementById("f-file"),
    rule: document.getElementById("f-rule"),
    search: document.getElementById("f-search"),
  };
  const messages = D.messages;
  for (const m of messages) {
    m.cats = new Set(m.x.map((f) => D.rules[f.r].c));
    m.ruleset = new Set(m.x.map((f) => f.r));
  }

  const fill = (select, values, label) => {
    for (const v of values) {
      const o = document.createElement("option");
      o.value = v; o.textContent = label ? label(v) : v;
      select.appendChild(o);
    }
  };
  const count = (key) => {
    const c = new Map();
    for (const m of messages) for (const v of key(m)) c.set(v, (c.get(v) || 0) + 1);
    return c;
  };
  const cats = count((m) => m.cats), rules = count((m) => m.ruleset), files = count((m) => [m.f]);
  fill(form.category, Array.from(cats.keys()).sort(), (v) => v + " (" + cats.get(v) + ")");
  fill(form.rule, Array.from(rules.keys()).sort(), (v) => v + " (" + rules.get(v) + ")");
  fill(form.file, Array.from(files.keys()).sort((a, b) => D.files[a] < D.files[b] ? -1 : 1),
       (v) => D.files[v] + " (" + files.get(v) + ")");

  const finding = (m, f) => {
    const rule = D.rules[f.r], cat = D.categories[rule.c] || {};
    // a journey finding (q) is about a field of the file, not a span of the copy
    const text = f.q !== undefined ? f.q + " (line " + f.l + ")" : m.t.slice(f.a, f.b);
    return {a: f.a, b: f.b, rule: f.r, severity: f.v, category: rule.c, text: text,
            message: D.strings[f.m], suggestion: D.strings[f.g], why: cat.d, policy: rule.s || cat.p,
            signals: f.x, adjustments: f.j, weight: f.w};
  };

  function render(m, index) {
    const art = document.createElement("article");
    art.className = "msg v-" + m.v;
    art.dataset.index = index;
    const h = document.createElement("h3");
    const [icon, word] = VERDICT[m.v];
    h.append(creeplintEl("span", "badge v-" + m.v, icon + " " + word),
             creeplintEl("span", "score", "score " + m.s + "/100"),
             creeplintEl("span", "where", D.files[m.f] + ":" + m.l));
    art.appendChild(h);
    const n = m.x.length;
    art.appendChild(creeplintEl("p", "meta", "id " + m.i + " · " + m.c + " · profile " + D.profiles[m.p] +
                                " · " + n + " finding" + (n === 1 ? "" : "s")));
    const copy = creeplintEl("div", "copy");
    const fs = m.x.map((f) => finding(m, f));
    creeplintHighlight(copy, m.t, fs);
    art.appendChild(copy);
    const detail = creeplintEl("div", "detail");
    detail.hidden = true;
    detail.setAttribute("aria-live", "polite");
    art.appendChild(detail);
    const ui = creeplintAttach(copy, detail, (mark) => mark.dataset.f.split(" ").map((i) => fs[+i]));
    if (n) {
      const ol = creeplintEl("ol", "findings");
      fs.forEach((f, i) => {
        const li = creeplintEl("li");
        const b = creeplintEl("button", "", "“" + f.text + "”");
        b.type = "button";
        b.addEventListener("click", () => {
          const mark = Array.from(copy.querySelectorAll("mark[data-f]"))
            .find((mk) => mk.dataset.f.split(" ").includes(String(i)));
          if (mark) { mark.focus(); ui.show(mark); }
          else { detail.replaceChildren(creeplintDescribe(f)); detail.hidden = false; }  // a journey field
        });
        li.append(creeplintEl("span", "sev sev-" + f.severity, CREEPLINT_ICON[f.severity] + " " + f.severity),
                  " ", creeplintEl("code", "", f.rule), " ", b);
        ol.appendChild(li);
      });
      art.appendChild(ol);
    }
    return art;
  }

  let shown = [], page = 0, timer = 0;
  function matches() {
    const verdicts = new Set(form.verdicts.filter((c) => c.checked).map((c) => c.value));
    const cat = form.category.value, rule = form.rule.value;
    const file = form.file.value === "" ? -1 : +form.file.value;
    const q = form.search.value.trim().toLowerCase();
    const out = [];
    messages.forEach((m, i) => {
      if (!verdicts.has(m.v) || (cat && !m.cats.has(cat)) || (rule && !m.ruleset.has(rule)) ||
          (file >= 0 && m.f !== file)) return;
      if (q) {
        if (m.hay === undefined) m.hay = (m.t + "\n" + m.i + "\n" + D.files[m.f] + "\n" + Array.from(m.ruleset).join(" ")).toLowerCase();
        if (!m.hay.includes(q)) return;
      }
      out.push(i);
    });
    return out;
  }

  function pagerButton(label, target, disabled) {
    const b = creeplintEl("button", "", label);
    b.type = "button";
    b.disabled = disabled;
    b.addEventListener("click", () => { page = target; draw(); document.getElementById("messages-h").focus(); });
    return b;
  }

  function draw() {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    const from = page * PAGE, to = Math.min(shown.length, from + PAGE);
    list.replaceChildren(...shown.slice(from, to).map((i) => render(messages[i], i)));
    status.textContent = shown.length
      ? "Showing messages " + (from + 1) + "–" + to + " of " + shown.length + " matching (" + messages.length + " in all)"
      : "No message matches these filters (" + messages.length + " in all)";
    for (const nav of pagers) {
      nav.replaceChildren(pagerButton("← Previous", page - 1, page === 0),
                          creeplintEl("span", "", "Page " + (page + 1) + " of " + pages),
                          pagerButton("Next →", page + 1, page >= pages - 1));
      nav.hidden = pages === 1;
    }
  }

  function update() { shown = matches(); page = 0; draw(); }
  for (const c of form.verdicts) c.addEventListener("change", update);
  for (const s of [form.category, form.file, form.rule]) s.addEventListener("change", update);
  form.search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 150); });
  update();
  performance.mark("creeplint-ready");
  document.body.dataset.ready = "true";
})();
