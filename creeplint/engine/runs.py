"""Running pattern groups over a message's sentences, with a per-sentence memory.

A sentence's matches depend only on its own tokens, and campaign messages repeat greetings,
footers and template sentences, so an engine keeps the matches of the sentences it has seen.
"""

from __future__ import annotations

from typing import Any

# sentences remembered per engine (rules and modifiers each); cleared when full, so memory
# stays flat on any input
_CACHE_SIZE = 4096


def run_groups(  # type: ignore[no-untyped-def]
    triggered: list[tuple[int, int]], groups, always, facts: Any, cache: dict | None, dependent=None
) -> list:
    """(key, start, end, sentence) of the matches of each triggered pattern group, run once per
    sentence its trigger occurs in, from the trigger's tokens, if the sentence has what one of
    its patterns needs; ``always`` (patterns with no trigger) runs on every sentence and
    ``dependent`` (sentence-scoped ``when`` rules) on sentences where something matched.

    With a ``cache``, a sentence's matches are looked up by its token texts: the same tokens
    give the same triggers and the same matches. Sentences a lexicon term runs into or out of
    are not cached, since their triggers depend on the sentences around them."""
    runs: dict[int, dict[int, list[int]]] = {}
    sent_of = facts.sent_of()
    for key, t in triggered:
        runs.setdefault(sent_of[t], {}).setdefault(key, []).append(t)
    tokens = facts.tokens
    straddled = facts.straddled() if cache is not None else set()
    out = []
    for si in range(len(facts.sents)) if always is not None else sorted(runs):
        s, e = facts.sents[si]
        ck = None
        if cache is not None and si not in straddled:
            # the triggers are lexicon and word hits inside the sentence, so its tokens fix them
            ck = tuple(tokens.orth[s:e])
            found = cache.get(ck)
            if found is not None:
                out += [(key, s + a, s + b, si) for key, a, b in found]
                continue
        have = facts(si)
        matches = []
        for key, anchors in sorted(runs.get(si, {}).items()):
            group = groups[key]
            if group.possible(have):
                matches += group(tokens, s, e, anchors, have)
        if always is not None:
            matches += always(tokens, s, e, None, have)
        if matches and dependent is not None and dependent.possible(have):
            matches += dependent(tokens, s, e, None, have)
        if ck is not None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[ck] = [(key, a - s, b - s) for key, a, b in matches]
        out += [(key, a, b, si) for key, a, b in matches]
    return out
