"""Findings -> weights -> a 0-100 score and a verdict per message. Pure functions: nothing
here changes the findings it is given.

A finding weighs in as a probability-like value: its severity's weight, times each context
adjustment the engine recorded, times its category's profile factor (``weigh``, the one place
a weight is computed). Within a category the strongest finding counts; categories combine as
``1 - prod(1 - w)``, so several distinct inferences score higher than any one alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..model import Finding

SEVERITY_WEIGHTS = {"info": 0.15, "warning": 0.45, "error": 0.75}


@dataclass(frozen=True)
class Thresholds:
    warn_at: int = 30
    fail_at: int = 60
    stacking_step: float = 0.15  # weight of the stacking finding per extra category
    # a category stacks only with a finding at least this heavy (after context), so mild
    # info-level mentions ("Recommended for you", "Happy birthday") never add up to a warning
    stacking_min_weight: float = 0.3
    category_factors: dict[str, float] = field(default_factory=dict)
    # weight multipliers for findings of rules carrying a tag (profiles.yaml: a channel's
    # ``tags``, e.g. attribute hooks in ads, which ad platforms reject)
    tag_factors: dict[str, float] = field(default_factory=dict)

    def verdict(self, score: int) -> str:
        if score >= self.fail_at:
            return "fail"
        if score >= self.warn_at:
            return "warn"
        return "pass"


def weigh(
    findings: list[Finding], thresholds: Thresholds, tags: Mapping[str, Sequence[str]] | None = None
) -> list[Finding]:
    """Copies of the engine's findings with their weights: severity x context x category factor
    (x the channel's factor for each of the rule's ``tags``, a rule id -> tags map)."""
    factors = thresholds.category_factors
    tag_factors = thresholds.tag_factors
    out = []
    for f in findings:
        weight = SEVERITY_WEIGHTS[f.severity]
        for a in f.adjustments:
            weight *= a.factor
        factor = factors.get(f.category, factors.get("*", 1.0))
        if tag_factors and tags:
            for tag in tags.get(f.rule, ()):
                factor *= tag_factors.get(tag, 1.0)
        if factor != 1.0:
            weight = min(1.0, weight * factor)
        out.append(replace(f, weight=weight))
    return out


def score(findings: list[Finding], thresholds: Thresholds) -> tuple[int, str]:
    """(score, verdict) of weighed findings."""
    strongest: dict[str, float] = {}
    for f in findings:
        strongest[f.category] = max(strongest.get(f.category, 0.0), f.weight)
    keep = 1.0
    for w in strongest.values():
        keep *= 1.0 - min(w, 1.0)
    value = round(100 * (1.0 - keep))
    return value, thresholds.verdict(value)
