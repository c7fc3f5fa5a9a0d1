"""Plain data passed between the stages: readers -> engine -> scoring -> reporters.

Nothing here imports spaCy; these objects are cheap to build and pickle.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

CHANNELS = ("email", "ad", "sms", "push", "in_app")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
SEVERITIES = ("info", "warning", "error")
VERDICTS = ("pass", "warn", "fail")


class LineIndex:
    """Turns a character offset in a decoded source text into a 1-based (line, column).

    ``first_line`` lets a reader index only a slice of a file (one JSONL line, say)
    while still reporting the file's real line numbers.
    """

    __slots__ = ("_starts", "first_line")

    def __init__(self, text: str, first_line: int = 1) -> None:
        # \r\n, \r and \n each end a line; the regex scan runs in C (a Python loop over every
        # character cost more than the rest of reading a JSONL line)
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        self.first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + line, offset - self._starts[line] + 1


@dataclass
class SourceMap:
    """Maps offsets in ``Message.text`` back to offsets in the decoded source.

    ``runs`` holds ``(text_start, source_start, length)`` triples sorted by ``text_start``;
    inside a run the mapping is one character to one character. Text between runs
    (separators the reader inserted) maps to the end of the previous run.
    """

    index: LineIndex
    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, text_start: int, source_start: int, length: int) -> None:
        if length <= 0:
            return
        if self.runs:
            t, s, n = self.runs[-1]
            if t + n == text_start and s + n == source_start:
                self.runs[-1] = (t, s, n + length)
                return
        self.runs.append((text_start, source_start, length))

    def source_offset(self, text_offset: int, end: bool = False) -> int:
        """Source offset of a text offset; with ``end``, of the position just after it."""
        if not self.runs:
            return 0
        probe = text_offset - 1 if end and text_offset > 0 else text_offset
        i = bisect.bisect_right(self.runs, (probe, float("inf"), 0)) - 1
        if i < 0:
            return self.runs[0][1]
        t, s, n = self.runs[i]
        if probe >= t + n:  # in a gap after this run
            return s + n
        return s + (probe - t) + (1 if end else 0)

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) for text[start:end]; end is exclusive."""
        line, col = self.index.position(self.source_offset(start))
        end_line, end_col = self.index.position(self.source_offset(max(end, start + 1), end=True))
        return line, col, end_line, end_col


@dataclass
class Message:
    """One piece of copy a recipient sees, with where it came from."""

    id: str
    file: str
    text: str
    source: SourceMap
    channel: str = "email"
    sector: str | None = None
    relationship: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Adjustment:
    """A context effect on a finding's weight, kept so reports can say why."""

    reason: str
    factor: float

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "factor": self.factor}


@dataclass(frozen=True)
class Signal:
    """One piece of evidence a finding was composed of: a lexicon's signal (``attribute:health``,
    ``behaviour``), ``reader``, ``specificity`` or ``question``, and the text that carried it."""

    name: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"signal": self.name, "text": self.text}


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    suggestion: str
    start: int  # offsets in Message.text
    end: int
    text: str
    weight: float = 0.0  # set by findings.scoring.weigh: severity x context x category factor
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    adjustments: list[Adjustment] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "weight": round(self.weight, 3),
            "adjustments": [a.to_dict() for a in self.adjustments],
            "signals": [s.to_dict() for s in self.signals],
        }


@dataclass
class Result:
    """The verdict on one message."""

    file: str
    id: str
    channel: str
    score: int
    verdict: str
    findings: list[Finding]
    line: int = 1
    text: str = field(default="", repr=False, compare=False)  # the message text, for context snippets
    profile: str = field(default="", compare=False)  # the scoring profile used (reports show it; not in JSON v1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "id": self.id,
            "channel": self.channel,
            "line": self.line,
            "score": self.score,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class InputError:
    """A file (or one record in it) that could not be read; the run goes on."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None  # set where a reader knows it (a journey field's key)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "line": self.line, "message": self.message}
        if self.column is not None:
            out["column"] = self.column
        return out

    @property
    def where(self) -> str:
        """``file``, ``file:line`` or ``file:line:col``."""
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Summary:
    files: int = 0
    messages: int = 0
    failed: int = 0
    warned: int = 0
    passed: int = 0
    errors: int = 0
    skipped: int = 0  # files a folder walk passed over (binary, not campaigns, creeplint's own reports)

    def count(self, result: Result) -> None:
        self.messages += 1
        if result.verdict == "fail":
            self.failed += 1
        elif result.verdict == "warn":
            self.warned += 1
        else:
            self.passed += 1

    def to_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "messages": self.messages,
            "failed": self.failed,
            "warned": self.warned,
            "passed": self.passed,
            "errors": self.errors,
            "skipped": self.skipped,
        }
