"""A self-contained HTML report: one file, inline CSS, JS and SVG, no network, works from ``file://``.

The summary (verdict counts, findings per category and per file as SVG bar charts, the
profiles used, input errors) is rendered here, so it reads without JavaScript. The
messages travel as one JSON document inside the page, and ``_html/report.js`` renders them
a page at a time with every finding highlighted in place, so a report on 10,000 messages
opens as fast as one on ten (see ``benchmarks/html_report.py``).

Results are buffered as compact JSON (the summary comes first in the page); the same
input gives the same bytes: no timestamps, tables in input order or sorted.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections import Counter
from functools import cache
from importlib import resources
from typing import IO, Any

from ..model import InputError, Result, Summary
from . import ReportOptions

NAME = "html"
DESCRIPTION = "self-contained HTML page: summary, charts, messages with highlights, filters"

CHART_ROWS = 15  # bars per chart; the rest are counted in one line under it
_VERDICTS = (("fail", "✖", "Fail"), ("warn", "▲", "Warn"), ("pass", "✔", "Pass"))


@cache
def asset(name: str) -> str:
    """A file of ``reporters/_html`` (CSS, JS, the playground page)."""
    return resources.files(__package__).joinpath("_html", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe to put inside ``<script>``: no ``</script>`` or ``<!--`` can appear."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def utf16_offsets(text: str, offsets: list[int]) -> list[int]:
    """Python string offsets (code points) as JavaScript ones (UTF-16 units)."""
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        return offsets
    return [len(text[:o].encode("utf-16-le")) // 2 for o in offsets]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def bar_chart(title: str, rows: list[tuple[str, int]], noun: str) -> str:
    """A horizontal bar chart as inline SVG; every bar carries its label and count as text."""
    shown, rest = rows[:CHART_ROWS], rows[CHART_ROWS:]
    if not shown:
        return f'<figure class="chart"><figcaption>{_e(title)}</figcaption><p class="none">No findings.</p></figure>'
    top = max(n for _, n in shown)
    row_h, label_w, bar_w = 22, 300, 260
    height = row_h * len(shown) + 4
    parts = [
        f'<figure class="chart"><figcaption>{_e(title)}</figcaption>',
        f'<svg viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" aria-label="{_e(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>',
    ]
    for i, (label, n) in enumerate(shown):
        y = i * row_h + 2
        w = max(2, round(bar_w * n / top))
        short = label if len(label) <= 38 else "…" + label[-37:]
        parts.append(
            f'<g><title>{_e(label)}: {n} {noun}{"s" * (n != 1)}</title>'
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{_e(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" rx="2"/>'
            f'<text x="{label_w + w + 6}" y="{y + 15}">{n}</text></g>'
        )
    parts.append("</svg>")
    if rest:
        n = sum(c for _, c in rest)
        parts.append(f'<p class="more">and {len(rest)} more ({n} {noun}{"s" * (n != 1)})</p>')
    parts.append("</figure>")
    return "".join(parts)


class HtmlReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.sources = {r.id: r.source or "" for r in options.rules}
        self.records: list[str] = []
        self.files: dict[str, int] = {}
        self.profiles: dict[str, int] = {}
        self.strings: dict[str, int] = {}
        self.rules: dict[str, dict[str, str]] = {}
        self.per_category: Counter[str] = Counter()
        self.per_file: Counter[str] = Counter()
        self.per_profile: Counter[str] = Counter()
        self.total_findings = 0

    def _index(self, table: dict[str, int], value: str) -> int:
        return table.setdefault(value, len(table))

    def result(self, result: Result) -> None:
        profile = result.profile or "default"
        self.per_profile[profile] += 1
        findings = []
        bounds = utf16_offsets(result.text, [o for f in result.findings for o in (f.start, f.end)])
        for n, f in enumerate(result.findings):
            data = f.to_dict()
            self.rules.setdefault(f.rule, {"c": f.category, "s": self.sources.get(f.rule, "")})
            self.per_category[f.category] += 1
            item: dict[str, Any] = {
                "r": f.rule, "v": f.severity, "a": bounds[2 * n], "b": bounds[2 * n + 1],
                "m": self._index(self.strings, f.message), "g": self._index(self.strings, f.suggestion),
                "w": data["weight"], "l": f.line, "k": f.column,
            }
            if f.end <= f.start:  # a journey finding: about a field of the file, not a span of the copy
                item["q"] = f.text
            if data.get("adjustments"):
                item["j"] = data["adjustments"]
            if data.get("signals"):
                item["x"] = data["signals"]
            findings.append(item)
        self.per_file[result.file] += len(findings)
        self.total_findings += len(findings)
        self.records.append(script_json({
            "f": self._index(self.files, result.file), "i": result.id, "c": result.channel, "l": result.line,
            "s": result.score, "v": result.verdict, "p": self._index(self.profiles, profile),
            "t": result.text, "x": findings,
        }))

    def _file_chart(self, rows: list[tuple[str, int]]) -> str:
        """Findings per file, with the folder every file shares said once in the title."""
        rows = [kv for kv in rows if kv[1]]
        common = posixpath.commonpath([f for f, _ in rows]) if len(rows) > 1 and all(
            "/" in f and not f.startswith("/") for f, _ in rows) else ""
        if common:
            return bar_chart(f"Findings per file (in {common}/)", [(f[len(common) + 1:], n) for f, n in rows],
                             "finding")
        return bar_chart("Findings per file", rows, "finding")

    def _summary(self, summary: Summary, errors: list[InputError]) -> str:
        counts = {"fail": summary.failed, "warn": summary.warned, "pass": summary.passed}
        cards = [f'<li class="card"><span class="n">{summary.messages}</span> messages</li>',
                 f'<li class="card"><span class="n">{summary.files}</span> files</li>']
        for verdict, icon, label in _VERDICTS:
            cards.append(f'<li class="card v-{verdict}"><span class="icon" aria-hidden="true">{icon}</span> '
                         f'<span class="n">{counts[verdict]}</span> {label.lower()}</li>')
        cards.append(f'<li class="card"><span class="n">{self.total_findings}</span> findings</li>')
        cards.append(f'<li class="card{" v-fail" if errors else ""}"><span class="n">{len(errors)}</span> '
                     f'input error{"s" * (len(errors) != 1)}</li>')
        by_count = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))  # noqa: E731
        profiles = ", ".join(f"{_e(p)} ({n} message{'s' * (n != 1)})" for p, n in by_count(self.per_profile))
        out = [
            '<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
            f'<ul class="cards">{"".join(cards)}</ul>',
            f'<p class="profiles"><strong>Profile{"s" * (len(self.per_profile) != 1)}:</strong> '
            f'{profiles or "none (no messages)"}</p>',
            '<div class="charts">',
            bar_chart("Findings per category", by_count(self.per_category), "finding"),
            self._file_chart(by_count(self.per_file)),
            "</div>",
        ]
        if errors:
            out.append('<details class="errors" open><summary>Input errors</summary><ul>')
            out.extend(f"<li><code>{_e(e)}</code></li>" for e in errors)
            out.append("</ul></details>")
        out.append("</section>")
        return "".join(out)

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        cats = self.options.categories
        categories = {
            name: {"d": getattr(cats.get(name), "description", ""), "p": getattr(cats.get(name), "policy", "")}
            for name in sorted({r["c"] for r in self.rules.values()})
        }
        head = {
            "tool": self.options.tool_version, "files": list(self.files), "profiles": list(self.profiles),
            "strings": list(self.strings), "rules": dict(sorted(self.rules.items())), "categories": categories,
        }
        w = self.stream.write
        w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
          '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
          '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
          f"<title>creeplint report: {summary.failed} fail, {summary.warned} warn, {summary.passed} pass</title>\n"
          f"<style>\n{asset('report.css')}</style>\n</head>\n<body>\n"
          '<a class="skip" href="#messages-h">Skip to messages</a>\n'
          f'<header><h1>creeplint report</h1><p class="tool">creeplint {_e(self.options.tool_version)}</p></header>\n'
          f"<main>\n{self._summary(summary, errors)}\n{asset('report.html')}</main>\n"
          '<script id="creeplint-data" type="application/json">')
        w(script_json(head)[:-1] + ',"messages":[\n')
        w(",\n".join(self.records))
        w(f"\n]}}</script>\n<script>\n{asset('highlight.js')}\n{asset('report.js')}</script>\n</body>\n</html>\n")


def create(stream: IO[str], options: ReportOptions) -> HtmlReporter:
    return HtmlReporter(stream, options)
