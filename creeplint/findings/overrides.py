"""Rule overrides from configuration: switch rules off or give them another severity.

Keys are rule ids, ``category/*`` wildcards, globs or ``*``; the most specific key wins.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..yamlfile import YamlError
from .suppress import rule_matches

if TYPE_CHECKING:
    from ..config import RuleSetting


def _specificity(spec: str) -> int:
    if spec == "*":
        return 0
    if not any(c in spec for c in "*?["):
        return 3
    return 2 if spec.endswith("/*") and not any(c in spec[:-2] for c in "*?[") else 1


def level_for(rule: str, category: str, rules: dict[str, str]) -> str | None:
    """The configured level of a rule: the most specific matching key wins (exact id,
    then ``category/*``, then other globs, then ``*``); later keys win ties."""

    best: tuple[int, int] | None = None
    level = None
    for order, (spec, lvl) in enumerate(rules.items()):
        if rule_matches(spec, rule, category):
            rank = (_specificity(spec), order)
            if best is None or rank > best:
                best, level = rank, lvl
    return level


def check_rule_keys(
    rules: dict[str, RuleSetting], book: Any, extra: tuple[tuple[str, str], ...] = ()
) -> None:
    """Every key must match some loaded rule (or name a known category)."""
    from .derive import STACKING_CATEGORY

    known = [(r.id, r.category) for r in book.rules] + list(extra)
    cats = {c.replace("_", "-") for c in (*book.categories, STACKING_CATEGORY)}
    for spec, setting in rules.items():
        if any(rule_matches(spec, rid, cat) for rid, cat in known):
            continue
        if spec.endswith("/*") and spec[:-2].replace("_", "-") in cats:
            continue
        raise YamlError(setting.file, setting.line, f"'rules': {spec!r} matches no loaded rule "
                                                    "(see 'creeplint rules')")


def apply_overrides(book: Any, rules: dict[str, str]) -> Any:
    """A copy of a ``RuleBook`` with rules switched off or given another severity."""
    if not rules:
        return book
    rulesets = []
    for rs in book.rulesets:
        kept = []
        for rule in rs.rules:
            level = level_for(rule.id, rule.category, rules)
            if level == "off":
                continue
            kept.append(replace(rule, severity=level) if level and level != rule.severity else rule)
        rulesets.append(replace(rs, rules=kept))
    return replace(book, rulesets=rulesets)
