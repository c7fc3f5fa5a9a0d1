/* creeplint playground: POST /check as the writer types (debounced), highlights from the answer. */
(function () {
  const O = JSON.parse(document.getElementById("creeplint-options").textContent);
  const $ = (id) => document.getElementById(id);
  const copy = $("copy"), channel = $("channel"), profile = $("profile"), sector = $("sector");
  const status = $("status"), result = $("result"), output = $("output"), detail = $("detail"), list = $("findings");
  const VERDICT = {fail: "✖ fail", warn: "▲ warn", pass: "✔ pass"};
  const add = (select, value, label) => {
    const o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  };
  for (const c of O.channels) add(channel, c, c);
  add(profile, "", "by sector (default)");
  for (const [name, description] of Object.entries(O.profiles)) {
    add(profile, name, name + " — " + description);
    if (name !== "default" && name !== "lenient") add(sector, name, name);
  }
  if (O.default_profile) profile.value = O.default_profile;

  /* Offsets (UTF-16) of 1-based line/column positions, counted in code points as creeplint does. */
  function offsets(text) {
    const starts = [0];
    const br = /\r\n|\r|\n/g;
    let m;
    while ((m = br.exec(text)) !== null) starts.push(m.index + m[0].length);
    return (line, column) => {
      let i = line - 1 < starts.length ? starts[line - 1] : text.length;
      for (let c = 1; c < column && i < text.length; c++) {
        const code = text.charCodeAt(i);
        i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      }
      return i;
    };
  }

  let timer = 0, seq = 0, controller = null, current = [];
  function render(text, report) {
    const msg = report.messages[0];
    const at = offsets(text);
    const fs = msg.findings.map((f) => {
      const cat = O.categories[f.category] || {};
      return {a: at(f.line, f.column), b: at(f.end_line, f.end_column), rule: f.rule, severity: f.severity,
              category: f.category, text: f.text, message: f.message, suggestion: f.suggestion, why: cat.d,
              policy: O.sources[f.rule] || cat.p, signals: f.signals, adjustments: f.adjustments, weight: f.weight};
    });
    current = fs;
    output.replaceChildren();
    creeplintHighlight(output, text, fs);
    detail.hidden = true;
    result.className = "msg v-" + msg.verdict;
    $("verdict").className = "badge v-" + msg.verdict;
    $("verdict").textContent = VERDICT[msg.verdict];
    $("score").textContent = "score " + msg.score + "/100";
    list.replaceChildren(...fs.map((f) => {
      const li = creeplintEl("li");
      li.append(creeplintEl("span", "sev sev-" + f.severity, CREEPLINT_ICON[f.severity] + " " + f.severity), " ",
                creeplintEl("code", "", f.rule), " “" + f.text + "”",
                creeplintEl("span", "instead", "Instead: " + f.suggestion));
      return li;
    }));
    result.hidden = false;
    const n = fs.length;
    status.textContent = n ? n + " finding" + (n === 1 ? "" : "s") + ", verdict " + msg.verdict : "No findings: verdict pass";
    document.body.dataset.checked = String(seq);
  }

  async function check() {
    const text = copy.value, mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    if (!text.trim()) { result.hidden = true; status.textContent = "Type or paste copy above."; return; }
    status.textContent = "Checking…";
    try {
      const response = await fetch("check", {
        method: "POST", headers: {"Content-Type": "application/json"}, signal: controller.signal,
        body: JSON.stringify({text: text, channel: channel.value, profile: profile.value || null,
                              sector: sector.value || null}),
      });
      const body = await response.json();
      if (mine !== seq) return;
      if (!response.ok) { status.textContent = "Error: " + body.error; return; }
      render(text, body);
    } catch (e) {
      if (e.name !== "AbortError" && mine === seq) status.textContent = "Could not reach creeplint serve: " + e.message;
    }
  }
  const soon = () => { clearTimeout(timer); timer = setTimeout(check, 300); };
  copy.addEventListener("input", soon);
  for (const s of [channel, profile, sector]) s.addEventListener("change", check);
  creeplintAttach(output, detail, (mark) => mark.dataset.f.split(" ").map((i) => current[+i]));
  if (copy.value.trim()) check();
})();
