"""Human report for the terminal: grouped by file, each finding with its place, the
offending words highlighted in context, why it is creepy and what to write instead.
Colour only on a terminal (and never with ``--no-color`` or ``NO_COLOR``)."""

from __future__ import annotations

from typing import IO

from ..model import InputError, Result, Summary
from . import ReportOptions

NAME = "pretty"
DESCRIPTION = "readable report for people (default on a terminal)"

_VERDICT_STYLE = {"fail": "bold red", "warn": "bold yellow", "pass": "bold green"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
_CONTEXT = 50


def _snippet(text: str, start: int, end: int) -> tuple[str, str, str]:
    before = " ".join(text[max(0, start - _CONTEXT) : start].split())
    after = " ".join(text[end : end + _CONTEXT].split())
    if start > _CONTEXT:
        before = "…" + before
    if end + _CONTEXT < len(text):
        after += "…"
    if text[start - 1 : start].isspace():
        before += " "
    if text[end : end + 1].isspace():
        after = " " + after
    return before, " ".join(text[start:end].split()), after


class PrettyReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        from rich.console import Console

        self.console = Console(
            file=stream,
            force_terminal=options.color,
            no_color=not options.color,
            highlight=False,
            soft_wrap=not options.color,
            emoji=False,
        )
        self.options = options
        self.current_file: str | None = None

    def result(self, result: Result) -> None:
        from rich.text import Text

        if not result.findings and not self.options.show_pass:
            return
        c = self.console
        if result.file != self.current_file:
            self.current_file = result.file
            c.print()
            c.print(Text(result.file, style="bold underline"))
        head = Text("  ")
        head.append(result.verdict.upper().ljust(4), style=_VERDICT_STYLE[result.verdict])
        head.append(f"  {result.id}", style="bold")
        head.append(f"  score {result.score}/100", style="dim")
        c.print(head)
        for f in result.findings:
            line = Text("    ")
            line.append(f"{result.file}:{f.line}:{f.column}", style="dim")
            line.append("  ")
            line.append(f.severity, style=_SEVERITY_STYLE.get(f.severity, ""))
            line.append(f"  {f.rule}", style="magenta")
            c.print(line)
            c.print(Text("      " + f.message))
            quote = Text("      > ", style="dim")
            if result.text:
                before, hit, after = _snippet(result.text, f.start, f.end)
                quote.append(before)
                quote.append(hit, style="bold red underline")
                quote.append(after)
            else:
                quote.append(" ".join(f.text.split()), style="bold red underline")
            c.print(quote)
            if f.adjustments:
                adj = ", ".join(f"{a.reason} ×{a.factor:g}" for a in f.adjustments)
                c.print(Text(f"      context: {adj}", style="dim"))
            c.print(Text("      try: " + f.suggestion, style="green"))

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        from rich.table import Table
        from rich.text import Text

        c = self.console
        if errors:
            c.print()
            c.print(Text("Errors", style="bold red"))
            for e in errors:
                c.print(Text(f"  {e}"))
        c.print()
        table = Table(title="creeplint summary", title_justify="left", show_edge=False, pad_edge=False)
        for col in ("files", "messages", "fail", "warn", "pass", "errors"):
            table.add_column(col, justify="right")
        table.add_row(
            str(summary.files), str(summary.messages),
            Text(str(summary.failed), style="red" if summary.failed else ""),
            Text(str(summary.warned), style="yellow" if summary.warned else ""),
            Text(str(summary.passed), style="green"),
            Text(str(summary.errors), style="red" if summary.errors else ""),
        )
        c.print(table)


def create(stream: IO[str], options: ReportOptions) -> PrettyReporter:
    return PrettyReporter(stream, options)
