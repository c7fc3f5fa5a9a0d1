"""JSON report, schema version 1 (keys may be added in later versions, never removed).

Written as it goes: ``messages`` streams, ``summary`` and ``errors`` follow them, so
memory does not grow with the number of messages.
"""

from __future__ import annotations

import json
from typing import IO

from ..model import InputError, Result, Summary
from . import ReportOptions

NAME = "json"
DESCRIPTION = "machine-readable report (schema version 1)"


class JsonReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.first = True
        tool = json.dumps({"name": "creeplint", "version": options.tool_version})
        stream.write(f'{{"version": 1, "tool": {tool}, "messages": [')

    def result(self, result: Result) -> None:
        self.stream.write(("\n  " if self.first else ",\n  ") + json.dumps(result.to_dict(), ensure_ascii=False))
        self.first = False

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        self.stream.write("\n], " if not self.first else "], ")
        self.stream.write(f'"summary": {json.dumps(summary.to_dict())}, ')
        self.stream.write(f'"errors": {json.dumps([e.to_dict() for e in errors], ensure_ascii=False)}}}\n')


def create(stream: IO[str], options: ReportOptions) -> JsonReporter:
    return JsonReporter(stream, options)
