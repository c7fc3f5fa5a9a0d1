"""Inline suppressions: directives in the copy's own comments, and record-level lists.

Directive forms (recognised in every file; use the one your format has comments for)::

    <!-- creeplint-disable RULE[, RULE…] -->      from this line until a matching enable
    <!-- creeplint-enable [RULE…] -->             ends the block (all blocks without RULE)
    <!-- creeplint-disable-next-line RULE -->     only the next line
    <!-- creeplint-disable-line RULE -->          only this line
    # creeplint: disable=RULE[,RULE]              after content: this line only;
                                                  alone on its line: a block, like the HTML form
    # creeplint: disable-next-line=RULE           only the next line
    # creeplint: enable[=RULE]                    ends a block

``RULE`` is a rule id (``tracked-behaviour/we-noticed``), a glob over ids, a category
wildcard (``health/*``, matching ``health`` ids or the ``health`` category) or ``*`` /
``all``; no RULE at all means every rule. Record formats (JSONL, CSV, YAML campaigns) put
a list of such specs in ``Message.meta["disable"]`` instead, which covers the whole record.

Directives are found in the raw decoded source, so they work whether or not the reader
shows the comment as copy. A finding is suppressed when its first line is covered.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from ..model import Finding, Message

ALL = "*"

_HTML = re.compile(
    r"<!--\s*creeplint-(disable-next-line|disable-line|disable|enable)\b(.*?)-->", re.DOTALL
)
_HASH = re.compile(r"#\s*creeplint:\s*(disable-next-line|disable|enable)\b(?:\s*=\s*([^#\r\n]*))?")
_SPLIT = re.compile(r"[\s,]+")


def parse_specs(raw: str | list | tuple | None) -> tuple[str, ...]:
    """``"a, b"`` or ``["a", "b"]`` -> ``("a", "b")``; nothing (or ``all``) means every rule."""
    if raw is None:
        items: list[str] = []
    elif isinstance(raw, str):
        items = [s for s in _SPLIT.split(raw.strip()) if s]
    else:
        items = [str(s).strip() for s in raw if str(s).strip()]
    out = tuple(ALL if s.lower() == "all" else s for s in items)
    return out or (ALL,)


def _norm(name: str) -> str:
    return name.replace("_", "-").lower()


def rule_matches(spec: str, rule: str, category: str) -> bool:
    """Whether a rule spec (id, glob, ``category/*`` or ``*``) covers a rule."""
    if spec == ALL:
        return True
    if spec.endswith("/*"):
        prefix = spec[:-2]
        if _norm(category) == _norm(prefix):
            return True
    return fnmatchcase(rule, spec)


@dataclass
class Directive:
    """One suppression as written, and which of its specs have suppressed something."""

    file: str
    line: int
    kind: str  # disable | disable-next-line | disable-line | record
    specs: tuple[str, ...]
    used: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        if self.kind == "record":
            return f"creeplint-disable {', '.join(self.specs)} (record)"
        return f"creeplint-{self.kind} {', '.join(self.specs)}"

    def unused_specs(self) -> list[str]:
        return [s for s in self.specs if s not in self.used]


@dataclass
class _Range:
    first: int
    last: int  # inclusive; a very large number for "until the end of the file"
    specs: tuple[str, ...]
    directive: Directive


_EOF = 1 << 60


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    return starts


def parse_directives(text: str, file: str) -> tuple[list[Directive], list[_Range]]:
    """Every directive in ``text`` and the line ranges it covers."""
    starts = _line_starts(text)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    # (offset, end, kind, raw specs, written as a hash comment, alone on its line)
    found: list[tuple[int, int, str, str | None, bool, bool]] = []
    for m in _HTML.finditer(text):
        found.append((m.start(), m.end(), m.group(1), m.group(2), False, False))
    for m in _HASH.finditer(text):
        line_start = starts[line_of(m.start()) - 1]
        alone = not text[line_start : m.start()].strip()
        found.append((m.start(), m.end(), m.group(1), m.group(2), True, alone))
    found.sort()

    directives: list[Directive] = []
    ranges: list[_Range] = []
    open_blocks: list[_Range] = []
    for start, end, kind, raw, hashed, alone in found:
        line, end_line = line_of(start), line_of(max(start, end - 1))
        specs = parse_specs(raw)
        if kind == "enable":
            for block in open_blocks:
                closing = block.specs if ALL in specs else tuple(s for s in block.specs if s in specs)
                if closing:
                    ranges.append(_Range(block.first, max(block.first, line - 1), closing, block.directive))
                    block.specs = tuple(s for s in block.specs if s not in closing)
            open_blocks = [b for b in open_blocks if b.specs]
            continue
        if kind == "disable" and hashed and not alone:
            kind = "disable-line"
        d = Directive(file, line, kind, specs)
        directives.append(d)
        if kind == "disable-next-line":
            ranges.append(_Range(end_line + 1, end_line + 1, specs, d))
        elif kind == "disable-line":
            ranges.append(_Range(line, end_line, specs, d))
        else:
            open_blocks.append(_Range(line, _EOF, specs, d))
    ranges.extend(open_blocks)
    return directives, ranges


class Suppressor:
    """Filters findings by the directives of their file and their record's ``disable`` list.

    The CLI registers each file's raw text with ``add_source`` before its messages are
    linted; library users may do the same, or rely on ``meta["disable"]`` alone.
    """

    def __init__(self) -> None:
        self._ranges: dict[str | tuple[str, str], list[_Range]] = {}  # by file, or (file, message id)
        self._directives: list[Directive] = []
        self.suppressed = 0

    def add_source(self, name: str, text: str) -> None:
        directives, ranges = parse_directives(text, name)
        self._directives.extend(directives)
        if ranges:
            self._ranges[name] = ranges
        else:
            self._ranges.pop(name, None)

    def add_message(self, msg: Message, text: str) -> None:
        """Directives in one message's own text (a dict given to ``Linter.lint``): they cover
        that message only, even when several share a file name."""
        if "creeplint" not in text:
            return
        directives, ranges = parse_directives(text, msg.file)
        self._directives.extend(directives)
        if ranges:
            self._ranges[(msg.file, msg.id)] = ranges

    def filter(self, msg: Message, findings: list[Finding]) -> list[Finding]:
        record: Directive | None = None
        raw = msg.meta.get("disable") if msg.meta else None
        if raw:
            line = msg.source.span(0, 1)[0] if msg.text else 1
            record = Directive(msg.file, line, "record", parse_specs(raw))
            self._directives.append(record)
        ranges = self._ranges.get((msg.file, msg.id)) or self._ranges.get(msg.file, ())
        if not ranges and record is None:
            return findings
        kept = []
        for f in findings:
            hit = self._match(f, ranges, record)
            if hit is None:
                kept.append(f)
            else:
                directive, spec = hit
                directive.used.add(spec)
                self.suppressed += 1
        return kept

    @staticmethod
    def _match(
        f: Finding, ranges: list[_Range] | tuple, record: Directive | None
    ) -> tuple[Directive, str] | None:
        if record is not None:
            for spec in record.specs:
                if rule_matches(spec, f.rule, f.category):
                    return record, spec
        for r in ranges:
            if r.first <= f.line <= r.last:
                for spec in r.specs:
                    if rule_matches(spec, f.rule, f.category):
                        return r.directive, spec
        return None

    def unused(self) -> list[tuple[Directive, list[str]]]:
        """Directives (with the specs) that suppressed nothing, in file and line order."""
        out = [(d, d.unused_specs()) for d in self._directives if d.unused_specs()]
        return sorted(out, key=lambda item: (item[0].file, item[0].line))
