"""Findings and input errors as LSP diagnostics, and rule suggestions as quick fixes.

Positions: creeplint reports 1-based lines and columns counted in characters (code points)
of the decoded text; LSP wants 0-based lines and columns in the code units the client and
server agreed on (UTF-16 unless the client offers UTF-8 or UTF-32). Lines end at ``\\r\\n``,
``\\r`` or ``\\n``, both in ``model.LineIndex`` and in the LSP specification.

Rule docs: ``codeDescription.href`` is the ``docs_url`` template with ``{id}``,
``{category}``, ``{ruleset}`` and ``{version}`` filled in; without one it is the rule's own
definition, ``file:///…/rulesets/<ruleset>.yaml#L<line>``: the entry ``creeplint explain``
prints (why, what to write instead, examples, policy source), for shipped and house
rulesets alike, always the version that produced the finding.

Quick fixes: a suggestion is a replacement when its first sentence starts with an edit of
the matched text itself: ``Drop|Remove|Delete|Cut|Leave out … "{match}"`` deletes the span
(and one space next to it), ``Replace "{match}" with "TEXT"`` puts TEXT in its place. Other
suggestions are advice for a writer and stay in the diagnostic's message.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from .. import __version__
from ..model import Finding, InputError

if TYPE_CHECKING:
    from pygls.workspace.position_codec import UnitCounter

    from ..rules.book import RuleBook
    from ..rules.schema import Rule
    from .buffer import Checked

SOURCE = "creeplint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SHIPPED = "<shipped>/"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as model.LineIndex and the LSP specification

_DELETE = re.compile(r'^(?:drop|remove|delete|cut|leave out)\b[^."]*?\(?"\{match\}"', re.IGNORECASE)
_REPLACE = re.compile(r'^replace "\{match\}" with "([^"\\<>&]+)"', re.IGNORECASE)


class Text:
    """One document's text with its line starts: offsets <-> client positions."""

    def __init__(self, text: str, units: UnitCounter) -> None:
        self.text = text
        self.units = units
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def offset(self, line: int, column: int) -> int:
        """Offset of a creeplint (1-based line, 1-based column), clamped to the text."""
        row = min(max(line, 1), len(self.starts)) - 1
        end = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
        return min(self.starts[row] + max(column, 1) - 1, end)

    def position(self, offset: int) -> types.Position:
        row = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line=row, character=self.units.num_units(self.text[self.starts[row]:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def text_at(self, r: types.Range) -> str | None:
        """The text in an LSP range (None when the range is not in the text)."""
        offsets = []
        for p in (r.start, r.end):
            if p.line >= len(self.starts):
                return None
            offset, units = self.starts[p.line], 0
            while units < p.character and offset < len(self.text):
                units += self.units.num_units(self.text[offset])
                offset += 1
            offsets.append(offset)
        return self.text[offsets[0]:offsets[1]]

    def line_end(self, row: int) -> int:
        """Offset where 0-based line ``row`` ends, before its line break."""
        end = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
        while end > self.starts[row] and self.text[end - 1] in "\r\n":
            end -= 1
        return end


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


@dataclass
class Fix:
    """A quick fix for one diagnostic: replace ``range`` (whose text was ``expect``) with ``new_text``."""

    diagnostic: types.Diagnostic
    title: str
    range: types.Range
    expect: str
    new_text: str


def rule_file(rule: Rule) -> Path | None:
    """The ruleset file a rule is defined in, as an absolute path (None if there is none)."""
    if rule.file.startswith(SHIPPED):
        path = Path(str(resources.files("creeplint.rulesets").joinpath(rule.file[len(SHIPPED):])))
    else:
        path = Path(rule.file)
    return path.resolve() if path.is_file() else None


def docs_href(rule_id: str, category: str, book: RuleBook, template: str | None) -> str | None:
    """The rule's documentation URL (see the module docstring), or None when there is none."""
    rule = book.rule(rule_id)
    if template:
        ruleset = next((rs.name for rs in book.rulesets if rule in rs.rules), "") if rule else ""
        return template.format(id=rule_id, category=category, ruleset=ruleset, version=__version__)
    path = rule_file(rule) if rule is not None else None
    if path is None:
        return None
    return path.as_uri() + (f"#L{rule.line}" if rule is not None and rule.line else "")


def diagnostic(f: Finding, text: Text, href: str | None) -> types.Diagnostic:
    start, end = text.offset(f.line, f.column), text.offset(f.end_line, f.end_column)
    message = f.message + (f"\nInstead: {f.suggestion}" if f.suggestion else "")
    return types.Diagnostic(
        range=text.range(start, max(start, end)), message=message, severity=SEVERITY.get(f.severity),
        code=f.rule, code_description=types.CodeDescription(href=href) if href else None, source=SOURCE,
    )


def error_diagnostic(error: InputError, text: Text) -> types.Diagnostic:
    """An input error over its whole line (the first line when it names none)."""
    row = min(max((error.line or 1) - 1, 0), len(text.starts) - 1)
    return types.Diagnostic(range=text.range(text.starts[row], text.line_end(row)), message=error.message,
                            severity=types.DiagnosticSeverity.Error, source=SOURCE)


def quick_fix(f: Finding, template: str, text: Text, diag: types.Diagnostic) -> Fix | None:
    """The fix a rule's suggestion template describes for finding ``f``, or None.

    Offered only where the source holds the matched text verbatim (not inside an HTML
    entity or a JSON escape), so the edit changes exactly what was flagged.
    """
    first = template.strip()
    start, end = text.offset(f.line, f.column), text.offset(f.end_line, f.end_column)
    if text.text[start:end] != f.text or not f.text.strip():
        return None
    words = " ".join(f.text.split())  # a span across lines, in a one-line title
    replace = _REPLACE.match(first)
    if replace:
        new = replace.group(1)
        return Fix(diag, f'Replace "{words}" with "{new}"', text.range(start, end), f.text, new)
    if not _DELETE.match(first):
        return None
    src = text.text
    if end < len(src) and src[end] == " " and (start == 0 or src[start - 1] in " \t\r\n"):
        end += 1  # "at 4 times today" -> "at today"
    elif start > 0 and src[start - 1] == " " and (end == len(src) or src[end] in ".,;:!?)\r\n"):
        start -= 1  # "seen at 2:14am." -> "seen at."
    return Fix(diag, f'Remove "{words}"', text.range(start, end), src[start:end], "")


def convert(checked: Checked, text: Text, book: RuleBook, docs_url: str | None) -> tuple[list[types.Diagnostic],
                                                                                           list[Fix]]:
    """Diagnostics for a buffer's findings (in file order) and errors, and their quick fixes."""
    diagnostics: list[types.Diagnostic] = []
    fixes: list[Fix] = []
    hrefs: dict[str, str | None] = {}
    findings = sorted((f for r in checked.results for f in r.findings),
                      key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule))
    for f in findings:
        if f.rule not in hrefs:
            hrefs[f.rule] = docs_href(f.rule, f.category, book, docs_url)
        diag = diagnostic(f, text, hrefs[f.rule])
        diagnostics.append(diag)
        rule = book.rule(f.rule)
        fix = quick_fix(f, rule.suggestion, text, diag) if rule is not None else None
        if fix is not None:
            fixes.append(fix)
    diagnostics.extend(error_diagnostic(e, text) for e in checked.errors)
    return diagnostics, fixes
