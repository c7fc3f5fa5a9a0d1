"""Co-occurrence: two or three signals in one sentence, in any order, close together.

    cooccur:
      signals: ["you|your", "@health_conditions"]   # each one token of the rule language
      within: 4                                     # tokens allowed between neighbours (0-8)
      barrier: [if, unless]                         # optional: words the gap may not cross

expands to one pattern per order of the signals ("you|your *{0,4} @health_conditions" and
"@health_conditions *{0,4} you|your"), so a composition of signals is written once instead
of as every phrasing of it. A ``barrier`` word in the gap ("a debt collector only *if* your
…") means the two are in different clauses, so they do not co-occur.
"""

from __future__ import annotations

from itertools import permutations
from typing import Any

from ..language import PatternError

KEY = "cooccur"
DESCRIPTION = "two or three signals in any order within a few tokens of each other"
MAX_WITHIN = 8


def expand(value: Any, file: str, line: int | None) -> list[str]:
    if not isinstance(value, dict) or set(value) - {"signals", "within", "barrier"}:
        raise PatternError(
            "'cooccur' takes 'signals' (a list of 2 or 3 tokens), 'within' (0-8) and optionally 'barrier'"
        )
    signals = value.get("signals")
    if not isinstance(signals, list) or not 2 <= len(signals) <= 3 or not all(
        isinstance(s, str) and s.strip() and " " not in s.strip() for s in signals
    ):
        raise PatternError("'cooccur.signals' must list 2 or 3 single tokens, such as \"you|your\" or \"@lexicon\"")
    within = value.get("within", 4)
    if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= MAX_WITHIN:
        raise PatternError(f"'cooccur.within' must be a whole number from 0 to {MAX_WITHIN}")
    barrier = value.get("barrier", [])
    if not isinstance(barrier, list) or not all(
        isinstance(b, (str, int)) and str(b).strip() and " " not in str(b).strip() and "|" not in str(b)
        for b in barrier
    ):
        raise PatternError("'cooccur.barrier' must list single words or punctuation, such as [if, unless, ';']")
    filler = "!" + "|".join(str(b).strip().lower() for b in barrier) if barrier else "*"
    gap = f" {filler}{{0,{within}}} " if within else " "
    return [gap.join(order) for order in permutations(s.strip() for s in signals)]
