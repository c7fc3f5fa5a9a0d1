"""The library API: ``Linter(...).lint(messages)`` yields one ``Result`` per message.

    from creeplint import Linter
    linter = Linter()
    for result in linter.lint([{"id": "m1", "text": "We noticed you searched for flights."}]):
        print(result.verdict, result.score)

``LintOptions`` is a plain picklable dataclass, so workers in a process pool (or a Dask /
Spark partition) can rebuild the same linter: ``Linter(options)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .findings.scoring import STACKING_RULE, Thresholds, score
from .findings.suppress import Suppressor
from .model import Finding, LineIndex, Message, Result, SourceMap

if TYPE_CHECKING:
    from .findings.baseline import Baseline


@dataclass
class LintOptions:
    rulesets: list[str] | None = None  # shipped names or paths; None = every shipped ruleset
    warn_at: int | None = None  # None: the message's profile decides (30 by default)
    fail_at: int | None = None  # None: the message's profile decides (60 by default)
    model: str | None = None  # an installed trained spaCy pipeline, if any
    category_factors: dict[str, float] = field(default_factory=dict)
    # rule overrides from config: rule id / 'category/*' / '*' -> off|info|warning|error
    rules: dict[str, str] = field(default_factory=dict)
    profile: str | None = None  # force one profile; None: each message's sector picks it


def as_message(item: Message | dict[str, Any], n: int = 0) -> Message:
    """Accept a Message or a dict with ``text`` (+ id, subject, channel, sector, relationship).

    Dicts get what readers give files: merge tags masked (kept in ``meta["merge_tags"]``) and
    the subject as the first paragraph."""
    if isinstance(item, Message):
        return item
    from .inputs.readers._templates import mask_merge_tags

    subject = item.get("subject") or ""
    body = item["text"]
    raw = f"{subject}\n\n{body}" if subject else body
    text, tags = mask_merge_tags(raw)
    source = SourceMap(LineIndex(raw))
    source.add(0, 0, len(text))
    return Message(
        id=str(item.get("id", n + 1)), file=str(item.get("file", "<api>")), text=text, source=source,
        channel=item.get("channel") or "email", sector=item.get("sector"),
        relationship=item.get("relationship"), meta={"merge_tags": tags} if tags else {},
    )


class Linter:
    """Lints messages. Between the engine and scoring, findings pass through
    ``suppressor`` (inline directives registered per file, and each record's
    ``meta["disable"]``) and then ``baseline`` (when set), so what they drop does not count
    toward the score."""

    def __init__(self, options: LintOptions | None = None, **kwargs: Any) -> None:
        self.options = options or LintOptions(**kwargs)
        self._engine = None
        self._book = None
        self.suppressor = Suppressor()
        self.baseline: Baseline | None = None
        self._thresholds: dict[tuple[str | None, str, str | None], Thresholds] = {}

    @property
    def book(self):  # type: ignore[no-untyped-def]
        if self._book is None:
            from .findings.overrides import apply_overrides
            from .rules.loader import load

            self._book = apply_overrides(load(self.options.rulesets), self.options.rules)
        return self._book

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        if self._engine is None:
            from .engine.core import Engine
            from .engine.plan import compile_book

            self._engine = Engine(compile_book(self.book, self.options.model))
        return self._engine

    def thresholds(self, msg: Message) -> Thresholds:
        """The message's profile (forced, or by sector) with its channel and relationship,
        then explicit thresholds and factors from the options on top."""
        from .findings.profiles import shipped

        key = (msg.sector, msg.channel, msg.relationship)
        cached = self._thresholds.get(key)
        if cached is not None:
            return cached
        o = self.options
        th = shipped().thresholds(msg, o.profile)
        factors = {**th.category_factors}
        for cat, value in o.category_factors.items():
            factors[cat] = round(factors.get(cat, 1.0) * value, 4)
        th = replace(
            th,
            warn_at=th.warn_at if o.warn_at is None else o.warn_at,
            fail_at=th.fail_at if o.fail_at is None else o.fail_at,
            category_factors=factors,
        )
        self._thresholds[key] = th
        return th

    def lint(self, messages: Iterable[Message | dict[str, Any]]) -> Iterator[Result]:
        stream = (as_message(m, i) for i, m in enumerate(messages))
        for msg, findings in self.engine.run(stream):
            yield self.result(msg, findings)

    def result(self, msg: Message, findings: list[Finding]) -> Result:
        """Suppressions, baseline and scoring for the engine's findings on one message.

        Kept apart from the engine so a process pool can run the engine in workers while this
        stateful part (suppression and baseline bookkeeping) stays in one process."""
        value, verdict, findings = self._score(msg, findings, self.thresholds(msg))
        line = msg.source.span(0, 1)[0] if msg.text else 1
        return Result(msg.file, msg.id, msg.channel, value, verdict, findings, line, msg.text)

    def _filter(self, msg: Message, findings: list[Finding]) -> list[Finding]:
        findings = self.suppressor.filter(msg, findings)
        if self.baseline is not None and findings:
            findings = self.baseline.filter(msg, findings)
        return findings

    def _score(
        self, msg: Message, findings: list[Finding], thresholds: Thresholds
    ) -> tuple[int, str, list[Finding]]:
        findings = self._filter(msg, findings)
        if len(findings) < 2:  # no stacking finding possible
            return score(findings, thresholds)
        # the stacking finding only exists after scoring: it too may be switched off,
        # re-levelled or suppressed, in which case the score is computed without it
        value, verdict, scored = score([replace(f) for f in findings], thresholds)
        stack = next((f for f in scored if f.rule == STACKING_RULE), None)
        if stack is None:
            return value, verdict, scored
        level = None
        if self.options.rules:
            from .findings.overrides import level_for

            level = level_for(stack.rule, stack.category, self.options.rules)
        if level != "off" and self.suppressor.filter(msg, [stack]):
            if level:
                stack.severity = level
            return value, verdict, scored
        value, verdict, scored = score(findings, replace(thresholds, stacking_step=0.0))
        return value, verdict, [f for f in scored if f.rule != STACKING_RULE]

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]
