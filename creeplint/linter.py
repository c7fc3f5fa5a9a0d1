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
from dataclasses import dataclass, field
from typing import Any

from .model import LineIndex, Message, Result, SourceMap
from .scoring import Thresholds, score


@dataclass
class LintOptions:
    rulesets: list[str] | None = None  # shipped names or paths; None = every shipped ruleset
    warn_at: int = 30
    fail_at: int = 60
    model: str | None = None  # an installed trained spaCy pipeline, if any
    category_factors: dict[str, float] = field(default_factory=dict)


def as_message(item: Message | dict[str, Any], n: int = 0) -> Message:
    """Accept a Message or a dict with ``text`` (+ id, subject, channel, sector, relationship)."""
    if isinstance(item, Message):
        return item
    subject = item.get("subject") or ""
    body = item["text"]
    text = f"{subject}\n\n{body}" if subject else body
    source = SourceMap(LineIndex(text))
    source.add(0, 0, len(text))
    return Message(
        id=str(item.get("id", n + 1)), file=str(item.get("file", "<api>")), text=text, source=source,
        channel=item.get("channel") or "email", sector=item.get("sector"),
        relationship=item.get("relationship"),
    )


class Linter:
    def __init__(self, options: LintOptions | None = None, **kwargs: Any) -> None:
        self.options = options or LintOptions(**kwargs)
        self._engine = None
        self._book = None

    @property
    def book(self):  # type: ignore[no-untyped-def]
        if self._book is None:
            from .rules.loader import load

            self._book = load(self.options.rulesets)
        return self._book

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        if self._engine is None:
            from .engine import Engine
            from .rules.compile import compile_book

            self._engine = Engine(compile_book(self.book, self.options.model))
        return self._engine

    @property
    def thresholds(self) -> Thresholds:
        o = self.options
        return Thresholds(warn_at=o.warn_at, fail_at=o.fail_at, category_factors=o.category_factors)

    def lint(self, messages: Iterable[Message | dict[str, Any]]) -> Iterator[Result]:
        thresholds = self.thresholds
        stream = (as_message(m, i) for i, m in enumerate(messages))
        for msg, findings in self.engine.run(stream):
            value, verdict, findings = score(findings, thresholds)
            line = msg.source.span(0, 1)[0] if msg.text else 1
            yield Result(msg.file, msg.id, msg.channel, value, verdict, findings, line, msg.text)

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]
