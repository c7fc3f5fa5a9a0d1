"""Reporters render results. One module per ``--format``; each defines::

    NAME = "json"
    DESCRIPTION = "one line for --help"
    def create(stream, options: ReportOptions) -> Reporter

A reporter receives results one by one (so huge runs stream) and the summary and
errors at the end. Dropping a module in here adds a format; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import IO, Protocol

from ..model import InputError, Result, Summary


@dataclass
class ReportOptions:
    color: bool = False
    tool_version: str = ""
    rules: list = field(default_factory=list)  # schema.Rule objects, for formats that describe rules
    fail_on: str = "fail"
    show_pass: bool = False


class Reporter(Protocol):
    def result(self, result: Result) -> None: ...
    def finish(self, summary: Summary, errors: list[InputError]) -> None: ...


def names() -> list[str]:
    """Format names, without importing the modules (keeps --help fast)."""
    return sorted(i.name for i in pkgutil.iter_modules(__path__) if not i.name.startswith("_"))


def create(name: str, stream: IO[str], options: ReportOptions) -> Reporter:
    module = importlib.import_module(f"{__name__}.{name}")
    return module.create(stream, options)
