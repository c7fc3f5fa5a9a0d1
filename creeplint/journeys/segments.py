"""Sensitive inferences in audience and segment names, read with the detection work's own
attribute lexicons (``rulesets/*.yaml``, through the loaded ``RuleBook``; never edited here).

Names are split into words first: ``expecting_mothers``, ``high-debt``, ``diabeticCustomers``,
``LGBTQInterest``, ``over60s`` -> ``expecting mothers``, ``high debt``, ``diabetic customers``,
``lgbtq interest``, ``over 60s``. Words are compared by a light stem (plural ``-s``/``-es``/
``-ies`` dropped) on both sides, so ``mothers`` meets ``mother`` and ``debts`` meets ``debt``;
terms of several words must appear in order (``recently divorced``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-zA-Z])(?=\d)")
_SPLIT = re.compile(r"[^a-z0-9+']+")
MAX_WORDS = 6


def words(name: str) -> list[str]:
    """``diabeticCustomers_2024`` -> ``["diabetic", "customers", "2024"]``."""
    spaced = _CAMEL.sub(" ", name)
    return [w for w in _SPLIT.split(spaced.lower()) if w]


def stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(ws: Iterable[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in ws)


@dataclass(frozen=True)
class Hit:
    term: str  # the lexicon term (or extra term) that matched
    signal: str  # its signal, ``attribute:health``
    found: str  # the words of the name that matched


class Matcher:
    """Term lookup over the lexicons whose signal is one of ``signals``."""

    def __init__(
        self,
        lexicons: dict,
        signals: Iterable[str],
        exclude_lexicons: Iterable[str] = (),
        ignore_terms: Iterable[str] = (),
        extra_terms: dict[str, list[str]] | None = None,
    ) -> None:
        wanted, skip = set(signals), set(exclude_lexicons)
        ignore = {_key(words(t)) for t in ignore_terms}
        self.terms: dict[tuple[str, ...], tuple[str, str]] = {}
        for name in sorted(lexicons):
            lex = lexicons[name]
            if name in skip or (lex.signal or name) not in wanted:
                continue
            for term in lex.terms:
                key = _key(words(term))
                if key and key not in ignore and len(key) <= MAX_WORDS:
                    self.terms.setdefault(key, (term, lex.signal or name))
        for signal, terms in sorted((extra_terms or {}).items()):
            for term in terms:
                key = _key(words(term))
                if key:
                    self.terms.setdefault(key, (term, signal))

    def find(self, text: str) -> list[Hit]:
        """Terms in a name or description, longest first, not overlapping, in text order."""
        ws = words(text)
        stems = _key(ws)
        taken = [False] * len(ws)
        hits: list[tuple[int, Hit]] = []
        for size in range(min(MAX_WORDS, len(ws)), 0, -1):
            for i in range(len(ws) - size + 1):
                if any(taken[i : i + size]):
                    continue
                found = self.terms.get(stems[i : i + size])
                if found is not None:
                    hits.append((i, Hit(found[0], found[1], " ".join(ws[i : i + size]))))
                    for j in range(i, i + size):
                        taken[j] = True
        return [h for _, h in sorted(hits, key=lambda p: p[0])]
