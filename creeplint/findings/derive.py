"""Derived findings: made from the other findings of a message, not from its words.

Two or more distinct categories that stack (an inference or a piece of tracking each, see
``rulesets/categories.yaml``) add one ``stacking/several-inferences`` finding, so reports say
why the score rose: together they read like surveillance even where each alone might pass.
"""

from __future__ import annotations

from ..model import Finding, Signal

STACKING_RULE = "stacking/several-inferences"
STACKING_CATEGORY = "stacking"


def stacking(
    findings: list[Finding], stacks: frozenset[str], step: float, min_weight: float = 0.0
) -> Finding | None:
    """The stacking finding for weighed ``findings``, or None.

    A category counts once, and only with a finding at least ``min_weight`` heavy (after
    context), so mild info-level mentions never add up to a warning; a finding whose words
    overlap a finding another category was counted by does not count ("you viewed it 4
    times" is one observation, not browsing plus email opens). The finding weighs
    ``step`` per extra category (at most 0.9) and sits on the second category's first finding.
    """
    cats: dict[str, Finding] = {}
    for f in findings:
        if f.category in cats or f.category not in stacks or f.weight <= 0 or f.weight < min_weight:
            continue
        # one span is one inference: words another category already counted do not count again
        if not any(f.start < g.end and g.start < f.end for g in cats.values()):
            cats[f.category] = f
    if len(cats) < 2:
        return None
    names = sorted(cats)
    anchor = sorted(cats.values(), key=lambda f: (f.start, f.rule))[1]
    return Finding(
        rule=STACKING_RULE,
        category=STACKING_CATEGORY,
        severity="warning",
        message=(
            f"Combines {len(names)} distinct inferences about the reader ({', '.join(names)}); "
            "together they read like surveillance even where each alone might pass."
        ),
        suggestion="Keep one reason to write and drop the others; each extra inference multiplies the creepiness.",
        start=anchor.start, end=anchor.end, text=anchor.text,
        weight=min(0.9, step * (len(names) - 1)),
        line=anchor.line, column=anchor.column, end_line=anchor.end_line, end_column=anchor.end_column,
        signals=[Signal(f"category:{name}", cats[name].text) for name in names],
    )
