"""What a finding was composed of: its *signals*, for reports and ``explain``.

The lexicon terms inside a finding's span stand for the signal their lexicon names
(``attribute:health``, ``behaviour``, ``source``, ...); reader words and numbers outside a
term are ``reader`` and ``specificity``; a "?" ending the finding's sentence is ``question``.
"""

from __future__ import annotations

from typing import Any

from .plan import Compiled


def composed_of(c: Compiled, start: int, end: int, sent: int, facts: Any) -> list[tuple[int, int, str]]:
    """(start, end, signal) token spans of what tokens [start, end) of sentence ``sent`` are made
    of, in text order; where lexicon terms overlap, the longest is named."""
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for s, e, key in facts.terms_between(start, end):
        if s not in taken:
            found.append((s, e, c.signals.get(key, "lexicon")))
            taken.update(range(s, e))
    lower, like_num = facts.tokens.lower, facts.tokens.like_num
    for i in range(start, end):
        if i in taken:
            continue
        if lower[i] in c.reader_words:
            found.append((i, i + 1, "reader"))
        elif like_num[i] or facts.has_digit(i):
            found.append((i, i + 1, "specificity"))
    q = facts.question_after(sent, end)
    if q is not None:
        found.append((q, q + 1, "question"))
    found.sort()
    return found
