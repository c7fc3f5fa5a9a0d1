"""Human report for the terminal, compact and aligned like ruff's or Vale's: per message a
verdict line, then one line per finding (``file:line:col  severity  rule-id  message``), the
source line as written with the span underlined, and what to write instead (its first
sentence; the rest, with examples, and the rule's rationale only with ``--explain`` /
``--verbose`` or in ``creeplint explain RULE``).

On a terminal (``options.width`` set) long lines wrap under their own column, never back at
column 0; piped or saved, every finding stays on one line. Colour only on a terminal (and
never with ``--no-color`` or ``NO_COLOR``)."""

from __future__ import annotations

import textwrap
from typing import IO

from ..model import Finding, InputError, Result, Summary
from . import ReportOptions
from ._text import (
    SourceLines,
    Statistics,
    error_line,
    first_sentence,
    headline,
    rationale,
    shown,
    snippet,
    summary_line,
)

NAME = "pretty"
DESCRIPTION = "readable report for people (default on a terminal)"

_VERDICT_STYLE = {"fail": "bold red", "warn": "bold yellow", "pass": "bold green"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
_PLAIN_SNIPPET = 120  # source characters shown around a span when not on a terminal
_INDENT = "    "


class PrettyReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        from rich.console import Console

        self.console = Console(file=stream, force_terminal=options.color, no_color=not options.color,
                               highlight=False, soft_wrap=True, emoji=False, width=options.width or 10_000)
        self.options = options
        self.width = options.width
        self.lines = SourceLines(options.source)
        self.stats = Statistics()
        self.printed = False

    def _print(self, *parts: tuple[str, str]) -> None:
        from rich.text import Text

        text = Text()
        for chunk, style in parts:
            text.append(chunk, style=style)
        self.console.print(text)

    def _wrapped(self, first: str, rest_indent: str, body: str, style: str) -> None:
        """``first`` + ``body`` wrapped to the terminal, continuation lines at ``rest_indent``."""
        if not self.width:
            self._print((first + body, style))
            return
        for line in textwrap.wrap(body, self.width, initial_indent=first, subsequent_indent=rest_indent,
                                  break_long_words=False, break_on_hyphens=False) or [first]:
            self._print((line, style))

    def result(self, result: Result) -> None:
        self.stats.add(result)
        if not shown(result, self.options):
            return
        if self.printed:
            self.console.print()
        self.printed = True
        name = result.file if result.id == result.file else f"{result.file} › {result.id}"
        self._print((result.verdict.upper(), _VERDICT_STYLE[result.verdict]),
                    (f" {result.score}/100  ", "dim"), (name, "bold"))
        locs = [f"{result.file}:{f.line}:{f.column}" for f in result.findings]
        loc_w = max(map(len, locs), default=0)
        rule_w = max((len(f.rule) for f in result.findings), default=0)
        # findings on one source line share its snippet: their lines, the source line, one underline each
        groups: list[list[int]] = []
        for i, f in enumerate(result.findings):
            if groups and result.findings[groups[-1][0]].line == f.line:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            for i in group:
                self._finding(result.findings[i], locs[i], loc_w, rule_w)
            self._source(result, [result.findings[i] for i in group])

    def _finding(self, f: Finding, loc: str, loc_w: int, rule_w: int) -> None:
        """``file:line:col  severity  rule-id  message``: aligned columns, the message wrapping
        under itself; on a narrow terminal the columns are not padded and the message wraps
        at four spaces."""
        width = self.width
        message = headline(f)
        padded = not width or loc_w + rule_w + 13 + 24 <= width
        if not padded:
            loc_w, rule_w = len(loc), len(f.rule)
        head = [(loc.ljust(loc_w), "dim"), ("  ", ""), (f.severity.ljust(7), _SEVERITY_STYLE.get(f.severity, "")),
                ("  ", ""), (f.rule.ljust(rule_w), "magenta"), ("  ", "")]
        if not width:
            self._print(*head, (message, ""))
            return
        used = sum(len(chunk) for chunk, _ in head)
        if used - 2 > width:  # the rule id would wrap: it starts the next line, with the message
            self._print(*head[:3])
            for line in textwrap.wrap(f"{f.rule}  {message}", width, initial_indent=_INDENT,
                                      subsequent_indent=_INDENT, break_long_words=False, break_on_hyphens=False):
                self._print((line, ""))
            return
        lines = textwrap.wrap(message, width, initial_indent="\0" * used,
                              subsequent_indent=" " * used if padded else _INDENT, break_long_words=False,
                              break_on_hyphens=False)
        if lines and len(lines[0]) > width:  # not even a word fits after the columns: below them
            self._print(*head[:-1])
            lines = textwrap.wrap(message, width, initial_indent=_INDENT, subsequent_indent=_INDENT,
                                  break_long_words=False, break_on_hyphens=False)
            for line in lines:
                self._print((line, ""))
            return
        first = lines[0].lstrip("\0") if lines else ""
        self._print(*head, (first, ""))
        for line in lines[1:]:
            self._print((line, ""))

    def _source(self, result: Result, findings: list[Finding]) -> None:
        """The source line once, then per finding its underline and suggestion (and, with
        ``explain``, why and the context that weighed it)."""
        f0 = findings[0]
        gutter = str(f0.line) if f0.line else ""
        bar = " " * max(len(_INDENT) - 1, len(gutter)) + " │ "
        room = (self.width - len(bar)) if self.width else _PLAIN_SNIPPET
        found = snippet(self.lines, result, f0, max(room, 20))
        if found is not None:
            text, _, _ = found
            self._print((gutter.rjust(len(bar) - 3) + " │ ", "dim"), (text, ""))
        for f in findings:
            spot = snippet(self.lines, result, f, max(room, 20), anchor=f0)
            carets = ""
            if spot is not None and found is not None and spot[0] == found[0]:
                carets = " " * spot[1] + "^" * (spot[2] - spot[1]) + " "
            elif spot is not None:  # a different cut of the line (a long line): its own view
                self._print((gutter.rjust(len(bar) - 3) + " │ ", "dim"), (spot[0], ""))
                carets = " " * spot[1] + "^" * (spot[2] - spot[1]) + " "
            advice = f.suggestion if self.options.explain else first_sentence(f.suggestion)
            self._say(bar, carets, f"try: {advice}", "green")
            if self.options.explain:
                why = rationale(f)
                if why:
                    self._say(bar, "", f"why: {why}", "")
                if f.adjustments:
                    adj = ", ".join(f"{a.reason} ×{a.factor:g}" for a in f.adjustments)
                    self._say(bar, "", f"context: {adj}", "dim")

    def _say(self, bar: str, carets: str, body: str, style: str) -> None:
        """The gutter bar, the underline and ``body`` on one line when it fits (always when
        not on a terminal); else the underline alone and ``body`` wrapped below it."""
        if not self.width or len(bar) + len(carets) + len(body) <= self.width:
            self._print((bar, "dim"), (carets, "bold red"), (body, style))
            return
        if carets.strip():
            self._print((bar, "dim"), (carets.rstrip(), "bold red"))
        for line in textwrap.wrap(body, self.width - len(bar) - 2, break_long_words=False, break_on_hyphens=False):
            self._print((bar, "dim"), ("  " + line, style))

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        if errors:
            if self.printed:
                self.console.print()
            for e in errors:
                self._print((error_line(e), "red"))
            self.printed = True
        if self.options.statistics and self.stats.counts:
            if self.printed:
                self.console.print()
            for count, rule, severity in self.stats.lines():
                self._print((count, "bold"), ("  ", ""), (severity.ljust(7), _SEVERITY_STYLE.get(severity, "")),
                            ("  ", ""), (rule, "magenta"))
            self.printed = True
        if self.printed:
            self.console.print()
        style = "bold red" if summary.failed or summary.errors else "bold yellow" if summary.warned else "bold green"
        self._print((summary_line(summary), style))


def create(stream: IO[str], options: ReportOptions) -> PrettyReporter:
    return PrettyReporter(stream, options)
