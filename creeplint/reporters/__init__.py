"""Reporters render results. One module per ``--format``; each defines::

    NAME = "json"                       # the --format value
    DESCRIPTION = "one line for --help"
    def create(stream, options: ReportOptions) -> Reporter

A reporter receives results one by one (so huge runs stream) and the summary and
errors at the end; it never computes anything. Dropping a module in here adds a format:
``registry`` finds it by its ``NAME``, and ``--help`` lists its ``DESCRIPTION``.

``Outputs`` owns where reports go: standard output or ``--output``, plus an optional
``--sarif-file`` written alongside; it never writes over an input and removes a report
left half-written by Ctrl-C.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import IO, Protocol

from ..model import InputError, Result, Summary


@dataclass
class ReportOptions:
    color: bool = False
    tool_version: str = ""
    rules: list = field(default_factory=list)  # schema.Rule objects, for formats that describe rules
    fail_on: str = "fail"
    show_pass: bool = False
    categories: dict = field(default_factory=dict)  # schema.Category objects by name (what they mean, policy)
    explain: bool = False  # pretty: each finding's rationale (--explain, --verbose)
    quiet: bool = False  # pretty/concise: failing messages and the summary only
    statistics: bool = False  # pretty/concise: finding counts per rule at the end
    width: int | None = None  # pretty: the terminal's width to wrap to; None: never wrap (piped, saved)
    source: Callable[[str], str | None] | None = None  # pretty: a file's text as written, for snippets


class Reporter(Protocol):
    def result(self, result: Result) -> None: ...
    def finish(self, summary: Summary, errors: list[InputError]) -> None: ...


@cache
def registry() -> dict[str, ModuleType]:
    """Reporter modules by ``NAME`` (the modules import nothing heavy, so --help stays fast)."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            if hasattr(module, "NAME") and hasattr(module, "create"):
                found[module.NAME] = module
    return dict(sorted(found.items()))


def names() -> list[str]:
    return list(registry())


def describe() -> str:
    """``name: description`` for each format, for --help."""
    return "; ".join(f"{name}: {mod.DESCRIPTION}" for name, mod in registry().items())


def create(name: str, stream: IO[str], options: ReportOptions) -> Reporter:
    return registry()[name].create(stream, options)


class OutputError(Exception):
    """A report cannot be written where asked (an input file, the same file twice, no permission)."""


def guard(outputs: dict[str, str], inputs: list[str]) -> None:
    """Refuse to write a report over a file named as input (or two reports to one file)."""
    files = [Path(p) for p in inputs if p != "-" and Path(p).is_file()]
    seen: dict[Path, str] = {}
    for option, out in outputs.items():
        target = Path(out).resolve()
        for p in files:
            if target == p.resolve() or (target.exists() and os.path.samefile(target, p)):
                raise OutputError(f"{option} {out} is one of the input files; refusing to overwrite it")
        if target in seen:
            raise OutputError(f"{option} and {seen[target]} name the same file {out}")
        seen[target] = option


def open_file(path: str) -> IO[str]:
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None


class Outputs:
    """The main report (stdout or ``output``) and an optional SARIF file, fed the same results."""

    def __init__(self, fmt: str, options: ReportOptions, output: str | None = None,
                 sarif_file: str | None = None, inputs: list[str] | None = None) -> None:
        self.files = {k: v for k, v in (("--output", output), ("--sarif-file", sarif_file)) if v}
        guard(self.files, inputs or [])
        self.streams: list[IO[str]] = [open_file(output) if output else sys.stdout]
        self.reporters = [create(fmt, self.streams[0], options)]
        if sarif_file:
            self.streams.append(open_file(sarif_file))
            self.reporters.append(create("sarif", self.streams[1], replace(options, color=False)))
        from . import _step_summary

        summary_file = _step_summary.path()
        if summary_file:  # inside GitHub Actions: a job summary as well (appended: other steps write too)
            try:
                self.streams.append(open(summary_file, "a", encoding="utf-8", newline="\n"))  # noqa: SIM115
            except OSError as exc:
                raise OutputError(f"cannot write GITHUB_STEP_SUMMARY {summary_file}: {exc.strerror}") from None
            self.reporters.append(_step_summary.StepSummary(self.streams[-1]))

    def result(self, result: Result) -> None:
        for r in self.reporters:
            r.result(result)

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        for r in self.reporters:
            r.finish(summary, errors)
        for s in self.streams:
            s.flush()
            if s is not sys.stdout:
                s.close()

    def discard(self) -> None:
        """Remove report files (after Ctrl-C): never leave a half-written report that looks complete."""
        for path in self.files.values():
            Path(path).unlink(missing_ok=True)
