"""Findings -> a 0-100 score and a verdict per message.

Each finding weighs in as a probability-like value (severity weight times its context
factors). Within a category the strongest finding counts; categories combine as
``1 - prod(1 - w)``, so several distinct inferences score higher than any one alone.
Two or more distinct inference categories add an explicit ``stacking`` finding, so
reports say why the score rose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Finding

# categories that amplify or describe templates rather than infer something about the reader
_NOT_INFERENCES = {"over_specific", "stacking", "merge_tags"}
STACKING_RULE = "stacking/several-inferences"


@dataclass(frozen=True)
class Thresholds:
    warn_at: int = 30
    fail_at: int = 60
    stacking_step: float = 0.15  # weight of the stacking finding per extra category
    # a category stacks only with a finding at least this heavy (after context), so mild
    # info-level mentions ("Recommended for you", "Happy birthday") never add up to a warning
    stacking_min_weight: float = 0.3
    category_factors: dict[str, float] = field(default_factory=dict)

    def verdict(self, score: int) -> str:
        if score >= self.fail_at:
            return "fail"
        if score >= self.warn_at:
            return "warn"
        return "pass"


def stacking_finding(findings: list[Finding], step: float, min_weight: float = 0.0) -> Finding | None:
    cats: dict[str, Finding] = {}
    for f in findings:
        if f.category not in _NOT_INFERENCES and f.weight > 0 and f.weight >= min_weight:
            cats.setdefault(f.category, f)
    if len(cats) < 2:
        return None
    names = sorted(cats)
    anchor = sorted(cats.values(), key=lambda f: (f.start, f.rule))[1]
    return Finding(
        rule=STACKING_RULE,
        category="stacking",
        severity="warning",
        message=(
            f"Combines {len(names)} distinct inferences about the reader ({', '.join(names)}); "
            "together they read like surveillance even where each alone might pass."
        ),
        suggestion="Keep one reason to write and drop the others; each extra inference multiplies the creepiness.",
        start=anchor.start, end=anchor.end, text=anchor.text,
        weight=min(0.9, step * (len(names) - 1)),
        line=anchor.line, column=anchor.column, end_line=anchor.end_line, end_column=anchor.end_column,
    )


def score(findings: list[Finding], thresholds: Thresholds) -> tuple[int, str, list[Finding]]:
    """(score, verdict, findings incl. any stacking finding), findings sorted by position."""
    factors = thresholds.category_factors
    for f in findings:
        factor = factors.get(f.category, factors.get("*", 1.0))
        if factor != 1.0:
            f.weight = min(1.0, f.weight * factor)
    stack = stacking_finding(findings, thresholds.stacking_step, thresholds.stacking_min_weight)
    if stack:
        findings = sorted([*findings, stack], key=lambda f: (f.start, f.end, f.rule))
    strongest: dict[str, float] = {}
    for f in findings:
        strongest[f.category] = max(strongest.get(f.category, 0.0), f.weight)
    keep = 1.0
    for w in strongest.values():
        keep *= 1.0 - min(w, 1.0)
    value = round(100 * (1.0 - keep))
    return value, thresholds.verdict(value), findings
