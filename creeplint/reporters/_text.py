"""What the two text formats (``pretty``, ``concise``) share: the one-line message, the
source line a finding sits on, the summary line, ``--quiet`` and ``--statistics``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..model import VERDICTS, Finding, InputError, Result, Summary
from . import ReportOptions

# a suppression comment on the source line is not copy: left out of the snippet
_DIRECTIVE = re.compile(r"\s*(?:<!--\s*creeplint-[^>]*-->|#\s*creeplint:.*$|//\s*creeplint:.*$)")


def headline(f: Finding) -> str:
    """The finding's message up to its first sentence end (the rest is the rationale)."""
    first, _, _ = f.message.partition(". ")
    return first.rstrip(".")


def first_sentence(text: str) -> str:
    """Up to the first ". " or "; " outside quotes and brackets (``Drop "We saw you".``)."""
    quoted, depth = False, 0
    for i, ch in enumerate(text):
        if ch in '"“”':
            quoted = (not quoted) if ch == '"' else ch == "“"
        elif ch in "()":
            depth = depth + 1 if ch == "(" else max(0, depth - 1)
        elif ch in ".;" and not quoted and not depth and text[i + 1 : i + 2] == " ":
            return text[:i] + "."
    return text


def rationale(f: Finding) -> str:
    """What ``headline`` leaves out (empty for one-sentence messages)."""
    _, _, rest = f.message.partition(". ")
    return rest.strip()


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


def summary_line(summary: Summary) -> str:
    """``Checked 3 files, 5 messages: 1 fail, 1 warn, 3 pass`` (+ skipped files and errors).
    ``inputs.own_reports`` recognises saved reports by this line: keep its start."""
    text = (f"Checked {plural(summary.files, 'file')}, {plural(summary.messages, 'message')}: "
            f"{summary.failed:,} fail, {summary.warned:,} warn, {summary.passed:,} pass")
    if summary.skipped:
        text += f"; {plural(summary.skipped, 'file')} skipped"
    if summary.errors:
        text += f"; {plural(summary.errors, 'error')}"
    return text + "."


def shown(result: Result, options: ReportOptions) -> bool:
    """Whether a result is listed: with findings (or ``show_pass``); under ``quiet`` only at or
    above the verdict that fails the run (``fail`` for ``--fail-on never``)."""
    if options.quiet:
        rank = VERDICTS.index(options.fail_on) if options.fail_on in VERDICTS else VERDICTS.index("fail")
        return VERDICTS.index(result.verdict) >= rank
    return bool(result.findings) or options.show_pass


def error_line(e: InputError) -> str:
    return f"{e.where}: error: {e.message}"


class Statistics:
    """Findings per rule, for ``--statistics``."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.severity: dict[str, str] = {}

    def add(self, result: Result) -> None:
        for f in result.findings:
            self.counts[f.rule] += 1
            self.severity.setdefault(f.rule, f.severity)

    def lines(self) -> list[tuple[str, str, str]]:
        """(count, rule, severity) rows, most frequent first, then by rule id."""
        width = max((len(f"{n:,}") for n in self.counts.values()), default=1)
        rows = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(f"{n:,}".rjust(width), rule, self.severity[rule]) for rule, n in rows]


class SourceLines:
    """The lines of the file a result came from, as written (merge tags, the subject line
    and all), read through ``options.source``; one file at a time."""

    def __init__(self, source: Callable[[str], str | None] | None) -> None:
        self.source = source
        self.file: str | None = None
        self.lines: list[str] | None = None

    def line(self, file: str, number: int) -> str | None:
        if self.source is None:
            return None
        if file != self.file:
            self.file = file
            text = self.source(file)
            self.lines = re.split(r"\r\n|\r|\n", text) if text is not None else None
        if self.lines is None or not 1 <= number <= len(self.lines):
            return None
        return self.lines[number - 1]


def snippet(lines: SourceLines, result: Result, f: Finding, width: int,
            anchor: Finding | None = None) -> tuple[str, int, int] | None:
    """(line text, start, end) of the finding on its source line, cut to ``width`` characters
    around the span (``…`` where cut; ``anchor``: cut as for that finding on the same line, so
    findings sharing a line share one view), suppression comments after the span left out. Without
    the source (the library API), the message text's line holding the span; None if neither."""
    raw = lines.line(result.file, f.line) if f.line else None
    first = None  # where the anchor's span starts on this line
    if raw is not None:
        start = max(0, f.column - 1)
        end = f.end_column - 1 if f.end_line == f.line else len(raw)
        end = min(max(end, start + 1), len(raw))
        if anchor is not None and anchor.line == f.line:
            first = anchor.column - 1
    elif result.text:
        before = result.text.rfind("\n", 0, f.start) + 1
        after = result.text.find("\n", f.end)
        raw = result.text[before : after if after >= 0 else len(result.text)]
        start, end = f.start - before, min(f.end - before, len(raw))
        if anchor is not None and before <= anchor.start < before + len(raw):
            first = anchor.start - before
    else:
        return None
    tail = _DIRECTIVE.sub("", raw[end:]) if _DIRECTIVE.search(raw[end:]) else raw[end:]
    raw = (raw[:end] + tail).replace("\t", " ").rstrip()
    if len(raw) > width:  # keep the span in view: some context before it, then cut
        lead = max(0, min(start - width // 4, len(raw) - width))
        if first is not None:  # the anchor's view, when this span fits in it too
            shared = max(0, min(min(start, first) - width // 4, len(raw) - width))
            if end - shared <= width - 2:
                lead = shared
        if lead:
            raw, start, end = "…" + raw[lead + 1 :], start - lead, end - lead
        if len(raw) > width:
            raw = raw[: width - 1] + "…"
            end = min(end, width - 1)
    return raw, start, max(end, start + 1)
