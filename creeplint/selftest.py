"""Rule self-tests: every rule's ``flag`` examples must raise it, its ``pass`` examples must not.

Modifiers' examples are checked the same way (``flag``: the modifier is detected).
Used by ``creeplint test-rules`` and by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine.core import Engine
from .rules.loader import RuleBook


@dataclass
class Failure:
    item: str  # rule or modifier id
    file: str
    line: int | None
    kind: str  # "flag" or "pass"
    example: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        want = "should flag" if self.kind == "flag" else "should pass"
        return f"{where}: {self.item} {want}: {self.example!r} ({self.detail})"


def check_rule_examples(engine: Engine, book: RuleBook, rule_id: str) -> list[Failure]:
    rule = book.rule(rule_id)
    assert rule is not None
    if rule.kind == "journey":  # examples are journey snippets, not copy
        from .journeys.selftest import check

        failed = check(engine, book, rule)
        return [Failure(rule.id, rule.file, rule.line, kind, ex, detail) for kind, ex, detail in failed]
    out = []
    for kind, examples in (("flag", rule.examples_flag), ("pass", rule.examples_pass)):
        for ex in examples:
            hits = [f for f in engine.analyse(ex) if f.rule == rule.id]
            if kind == "flag" and not hits:
                others = sorted({f.rule for f in engine.analyse(ex)})
                out.append(Failure(rule.id, rule.file, rule.line, kind, ex, f"found only {others or 'nothing'}"))
            elif kind == "pass" and hits:
                out.append(Failure(rule.id, rule.file, rule.line, kind, ex, f"matched {hits[0].text!r}"))
    return out


def check_modifier_examples(engine: Engine, book: RuleBook, modifier_id: str) -> list[Failure]:
    mod = next(m for m in book.modifiers if m.id == modifier_id)
    out = []
    for kind, examples in (("flag", mod.examples_flag), ("pass", mod.examples_pass)):
        for ex in examples:
            found = engine.modifier_spans(ex).get(mod.id)
            if kind == "flag" and not found:
                out.append(Failure(mod.id, mod.file, mod.line, kind, ex, "modifier not detected"))
            elif kind == "pass" and found:
                out.append(Failure(mod.id, mod.file, mod.line, kind, ex, f"detected {found[0]!r}"))
    return out


def run(engine: Engine, book: RuleBook, files: set[str] | None = None) -> tuple[int, list[Failure]]:
    """(number of examples checked, failures) over the book's rules and modifiers
    (only those defined in ``files``, when given)."""
    failures: list[Failure] = []
    count = 0
    active = {r.id for r in engine.c.rules.values()}
    for rule in book.rules:
        if rule.id in active and (files is None or rule.file in files):
            count += len(rule.examples_flag) + len(rule.examples_pass)
            failures += check_rule_examples(engine, book, rule.id)
    for mod in book.modifiers:
        if files is not None and mod.file not in files:
            continue
        count += len(mod.examples_flag) + len(mod.examples_pass)
        failures += check_modifier_examples(engine, book, mod.id)
    return count, failures
