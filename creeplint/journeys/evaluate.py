"""Journey rules -> findings for one message, with the thresholds of the config on top.

``Linter.result`` calls ``Evaluator.findings`` for messages whose reader found journey fields
(``msg.meta["journey"]``), before suppressions, the baseline and scoring, so journey findings
go through every stage copy findings do. A journey finding has no span in the copy
(``start == end == 0``) unless its check is about the copy (``copy_echo``); its line and column
are those of the journey field's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Finding, Message, Signal
from ..yamlfile import YamlError, did_you_mean, line_of
from . import checks
from .model import Journey
from .segments import Matcher

KIND = "journey"
STEP_UP = {"info": "warning", "warning": "error", "error": "error"}


@dataclass
class _Rule:
    rule: Any
    options: dict[str, Any]
    matcher: Matcher | None


def _shipped_ids() -> set[str]:
    """Ids of the journey rules ``rulesets/journey.yaml`` ships."""
    from ..rules.loader import shipped
    from ..yamlfile import load as load_yaml

    text = shipped().get("journey")
    data = load_yaml(text, "<shipped>/journey.yaml") if text else None
    rules = data.get("rules", []) if isinstance(data, dict) else []
    return {r["id"] for r in rules if isinstance(r, dict) and isinstance(r.get("id"), str)}


class Evaluator:
    """The journey rules of a rule book, their options parsed once, ``thresholds`` (config
    ``journeys:``: rule id -> options) merged over the ruleset's defaults."""

    def __init__(self, book: Any, thresholds: dict[str, Any] | None = None, file: str | None = None) -> None:
        self.book = book
        rules = [r for r in book.rules if r.kind == KIND]
        by_id = {r.id: r for r in rules}
        overrides = dict(thresholds or {})
        shipped = _shipped_ids()
        for rid in list(overrides):
            if rid not in by_id and rid in shipped:  # a shipped journey rule not loaded (--ruleset): nothing to tune
                del overrides[rid]
            elif rid not in by_id:
                message = f"'journeys': unknown journey rule {rid!r}{did_you_mean(rid, by_id, 'journey rules')}"
                raise YamlError(file or "<settings>", line_of(thresholds, rid), message)
        self.rules = []
        for r in rules:
            opts = checks.parse(r.options)
            if r.id in overrides:
                opts = self._merge(r, opts, overrides[r.id], thresholds, file)
            self.rules.append(_Rule(r, opts, self._matcher(opts)))

    def _merge(self, rule: Any, opts: dict[str, Any], given: Any, where: Any, file: str | None) -> dict[str, Any]:
        check = opts["check"]
        tunable = checks.TUNABLE[check]
        line = line_of(where, rule.id)
        if not isinstance(given, dict):
            raise YamlError(
                file or "<settings>",
                line,
                f"'journeys': {rule.id} takes a mapping of {', '.join(tunable) or 'no options'}",
            )
        for key in given:
            if key not in tunable:
                hint = did_you_mean(key, tunable, "it takes", "nothing")
                raise YamlError(
                    file or "<settings>",
                    line_of(given, key) or line,
                    f"'journeys': {rule.id} has no threshold {key!r}{hint}",
                )
        try:
            parsed = checks.parse({"check": check, **given})
        except checks.OptionError as exc:
            where = line_of(given, exc.key) or line
            raise YamlError(file or "<settings>", where, f"'journeys': {rule.id}: {exc}") from None
        out = dict(opts)
        for key, value in parsed.items():
            out[key] = {**opts.get(key, {}), **value} if isinstance(value, dict) and key in opts else value
        return out

    def _matcher(self, opts: dict[str, Any]) -> Matcher | None:
        if "signals" not in opts:
            return None
        return Matcher(
            self.book.lexicons,
            opts["signals"],
            opts.get("exclude_lexicons", ()),
            opts.get("ignore_terms", ()),
            opts.get("extra_terms"),
        )

    def findings(self, msg: Message, copy: list[Finding]) -> list[Finding]:
        journey: Journey | None = msg.meta.get("journey")
        if journey is None:
            return []
        out = []
        for r in self.rules:
            fn = checks.CHECKS[r.options["check"]]
            for v in fn(journey, msg.channel, r.options, matcher=r.matcher, copy=copy, text=msg.text):
                if v.end <= v.start and not journey.leads and v.at in journey.campaign_spots:
                    continue  # a campaign field: reported on the campaign's first message only
                out.append(self._finding(msg, r, v))
        return sorted(out, key=lambda f: (f.line, f.column, f.rule))

    @staticmethod
    def _finding(msg: Message, r: _Rule, v: checks.Verdict) -> Finding:
        rule = r.rule
        first, _, rest = rule.message.partition(". ")
        message = f"{first.rstrip('.')}: {v.message}" + (f" {rest}" if rest else "")
        severity = STEP_UP[rule.severity] if v.escalate else rule.severity
        signals = [Signal(f"journey:{r.options['check']}", v.at.text)]
        if v.end > v.start:  # about the copy: its own span
            start, end, text = v.start, v.end, v.text
            line, col, end_line, end_col = msg.source.span(start, end)
        else:  # about a journey field: the key's position in the file
            start = end = 0
            a = v.at
            text, line, col, end_line, end_col = a.text, a.line, a.column, a.end_line, a.end_column
        return Finding(
            rule.id,
            rule.category,
            severity,
            message,
            rule.suggestion,
            start,
            end,
            text,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            signals=signals,
        )
