"""One line per finding, for grep and editors: ``file:line:col: severity rule-id message``;
input errors as ``file:line: error: message``; then the summary line."""

from __future__ import annotations

from typing import IO

from ..model import InputError, Result, Summary
from . import ReportOptions
from ._text import Statistics, error_line, headline, shown, summary_line

NAME = "concise"
DESCRIPTION = "one line per finding (file:line:col: severity rule message), for grep and editors"


class ConciseReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.stats = Statistics()

    def result(self, result: Result) -> None:
        self.stats.add(result)
        if not result.findings or not shown(result, self.options):
            return
        verdict = f" [{result.verdict} {result.score}]"
        for f in result.findings:
            self.stream.write(f"{result.file}:{f.line}:{f.column}: {f.severity} {f.rule} {headline(f)}{verdict}\n")

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        for e in errors:
            self.stream.write(error_line(e) + "\n")
        if self.options.statistics:
            for count, rule, severity in self.stats.lines():
                self.stream.write(f"{count}  {severity:<7}  {rule}\n")
        self.stream.write(summary_line(summary) + "\n")


def create(stream: IO[str], options: ReportOptions) -> ConciseReporter:
    return ConciseReporter(stream, options)
