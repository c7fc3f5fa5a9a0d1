"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

The annotation level says what the finding does to the build, not how bad the rule is:

* ``error``: the message's verdict is at or above ``--fail-on`` (it fails the run),
* ``warning``: the verdict is warn or fail but does not fail the run (``--fail-on`` above it),
* ``notice``: the message passes; the finding is below the warn threshold.

Chosen when ``--format github`` is given, or automatically when ``GITHUB_ACTIONS=true``
and neither the command line nor the config file names a format.
"""

from __future__ import annotations

from typing import IO

from ..model import InputError, Result, Summary
from . import ReportOptions

NAME = "github"
DESCRIPTION = "GitHub Actions annotations (default when GITHUB_ACTIONS=true)"

_RANK = {"pass": 0, "warn": 1, "fail": 2}
_THRESHOLD = {"warn": 1, "fail": 2, "never": 3}


def escape_data(value: str) -> str:
    """Escape a command's message (after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=…``, ``title=…``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def annotation_level(verdict: str, fail_on: str) -> str:
    if _RANK[verdict] >= _THRESHOLD.get(fail_on, 2):
        return "error"
    return "warning" if _RANK[verdict] >= 1 else "notice"


class GithubReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def result(self, result: Result) -> None:
        level = annotation_level(result.verdict, self.options.fail_on)
        for f in result.findings:
            text = (
                f"{f.message} Instead: {f.suggestion} "
                f"[{result.id}: {result.verdict}, score {result.score}/100]"
            )
            line = f.line or result.line
            self.stream.write(command(
                level, text,
                file=result.file, line=line, col=f.column or None,
                endLine=f.end_line or None, endColumn=f.end_column or None,
                title=f"creeplint {f.rule}",
            ) + "\n")

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        for e in errors:
            line = command("error", e.message, file=e.file, line=e.line, col=e.column, title="creeplint input error")
            self.stream.write(line + "\n")
        s = summary
        self.stream.write(
            f"creeplint: {s.messages} messages in {s.files} files: {s.failed} fail, {s.warned} warn, "
            f"{s.passed} pass, {s.errors} errors\n"
        )


def create(stream: IO[str], options: ReportOptions) -> GithubReporter:
    return GithubReporter(stream, options)
