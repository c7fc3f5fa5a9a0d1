"""The learned scorer: a logistic model over the signals already found in a sentence.

Hand-written compositions name which signals must meet and how; each new writer of copy
finds phrasings they do not enumerate. This scorer reads the same evidence without an order:
per sentence, which lexicons and signals occur, which categories rules matched (before and
after context), which context modifiers occur (in the sentence and in the message), whether
the sentence addresses the reader, speaks as "we" or "I", asks, or holds a number, and every
pair of those. It never reads the words themselves, so it cannot learn a topic or a phrasing,
only compositions of signals (a bag-of-words model flagged a third of real newsletters).

The weights are data (``learned_weights.json`` beside the ruleset that names them, written by
``eval/train_scorer.py``), with the threshold that held long benign mail to its false-alarm
budget in cross-validation. A sentence scores only when it holds a lexicon term or a rule hit.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..rules.kinds.learned import resolve
from ..rules.schema import Rule

READER = ("you", "your", "yours", "yourself", "u", "ur", "ya")
FIRST_PLURAL = ("we", "our", "us")
FIRST_SINGULAR = ("i", "my", "me")
# which category a learned finding is reported under, from the sentence's features, first match wins
_CATEGORY_OF_SIGNAL = (
    ("S:attribute:", None), ("S:group:", None), ("S:source", "cross_context"),
    ("S:behaviour:engagement", "engagement_tracking"), ("S:location", "location_tracking"),
    ("S:place", "location_tracking"), ("S:behaviour", "tracked_behaviour"),
    ("S:observation", "tracked_behaviour"),
)
_NOT_A_CATEGORY = ("over_specific", "stacking", "data_collection")


@dataclass
class Scorer:
    rule: Rule
    weights: dict[str, float]
    threshold: float
    words: dict[int, str] = field(default_factory=dict)  # lower-case hash -> "rd" | "we" | "i"
    defers_to: frozenset[str] = frozenset()  # tags of rules whose info hits cover a sentence
    _seen: dict[Evidence, float] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, rule: Rule, strings: Any) -> Scorer:
        """Raises ValueError (with the file) when the weights file is missing or malformed."""
        path = resolve(rule.file, rule.options["weights"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            threshold = float(data["threshold"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            name = rule.options["weights"]
            raise ValueError(f"{rule.file}: rule {rule.id}: cannot read weights {name!r}: {exc}") from None
        words = {strings.add(w): "rd" for w in READER}
        words.update({strings.add(w): "we" for w in FIRST_PLURAL})
        words.update({strings.add(w): "i" for w in FIRST_SINGULAR})
        return cls(rule, weights, threshold, words, frozenset(rule.options.get("defers_to", ())))

    def covers(self, hit: Rule) -> bool:
        """Does a kept hit of this rule leave its sentence to it (not to the scorer)?"""
        return hit.severity != "info" or not self.defers_to.isdisjoint(hit.tags)

    def probability(self, evidence: Evidence) -> float:
        """The model's probability for one sentence's evidence. Sentences repeat their
        evidence often (boilerplate, one campaign's copy), so results are kept per evidence."""
        p = self._seen.get(evidence)
        if p is None:
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()
            w = self.weights
            z = sum(w.get(f, 0.0) for f in expand(evidence))  # sorted: the same sum in any run
            p = self._seen[evidence] = 1.0 / (1.0 + math.exp(-z))
        return p


# a sentence's evidence: its own features (the ones that pair up), then those that do not pair
Evidence = tuple[frozenset[str], frozenset[str]]
_SEEN_MAX = 200_000


def expand(evidence: Evidence) -> list[str]:
    """The model's features for one sentence's evidence, sorted: its own features, every pair
    of them joined with "&", and the rest."""
    own, rest = evidence
    pairs = [f"{x}&{y}" for x, y in combinations(sorted(own), 2)]
    return sorted({*own, *pairs, *rest})


def sentences(scorer: Scorer, staged: Any, channel: str, names: dict[int, tuple[str, str]]) -> dict[int, Evidence]:
    """Sentence index -> evidence, for the sentences that hold a lexicon term or a rule hit.

    ``staged``: the message's facts, rule hits (with context adjustments) and modifier
    matches; ``names``: lexicon key -> ("L:<lexicon>", "S:<signal>")."""
    facts, hits, modifiers = staged.facts, staged.hits, staged.modifiers
    base: dict[int, set[str]] = {}
    extra: dict[int, set[str]] = {}
    sent_of = facts.sent_of()
    for key, start, _end in facts.lexicon_hits:
        base.setdefault(sent_of[start], set()).update(names[key])
    for h in hits:
        base.setdefault(h.sent, set()).add("RC:" + h.rule.category)
        if h.kept:
            extra.setdefault(h.sent, set()).add("K:" + h.rule.category)
    if not base:
        return {}
    shared = {"MM:" + mod.id for mod, _, _, _ in modifiers} | {"ch:" + channel, "bias"}
    by_sentence: dict[int, set[str]] = {}
    for mod, _, _, si in modifiers:
        by_sentence.setdefault(si, set()).add("M:" + mod.id)
    tokens = facts.tokens
    qmark = tokens.strings.add("?")
    out = {}
    for si in sorted(base):
        s, e = facts.sents[si]
        b = base[si] | by_sentence.get(si, set())
        words = set(tokens.orth[s:e])
        b.update(scorer.words[x] for x in scorer.words.keys() & tokens.lower[s:e])
        if qmark in words:
            b.add("q")
        if facts.any_digit(words):
            b.add("num")
        b.add("first" if si == 0 else "later")
        out[si] = (frozenset(b), frozenset(shared | extra.get(si, set())))
    return out


def category(own: frozenset[str], rule_categories: list[str]) -> str:
    """The category a learned finding is reported under: a rule's in the sentence, else the
    first attribute or tracking signal's, else tracked behaviour."""
    for cat in rule_categories:
        if cat not in _NOT_A_CATEGORY:
            return cat
    features = sorted(own)
    for prefix, cat in _CATEGORY_OF_SIGNAL:
        for f in features:
            if f.startswith(prefix):
                rest = f[len(prefix):]
                if cat is not None:
                    return cat
                if rest and rest not in _NOT_A_CATEGORY:
                    return rest
    return "tracked_behaviour"
