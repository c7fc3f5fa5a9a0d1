"""Trigger selection: which word or lexicon of a compiled pattern must occur for it to match,
and the phrase keys that name them.

A sentence runs a token pattern only if the pattern's *anchor* (its mandatory token least
likely to occur) is in it. Anchors are worked out once, when rulesets are validated, and
cached with the rule book. Phrase keys are strings hashed into spaCy's string store; their
prefixes live here and nowhere else:

* ``L:<lexicon>``: a term of a lexicon,
* ``T:<JSON list of words>``: one of these words,
* ``R:<rule id>`` / ``M:<modifier id>``: a rule's or a context modifier's patterns.
"""

from __future__ import annotations

import json
from typing import Any

from .language import STOPWORDS

LEXICON, WORDS, RULE, MODIFIER = "L:", "T:", "R:", "M:"


def lexicon_key(name: str) -> str:
    return LEXICON + name


def rule_key(rule_id: str) -> str:
    return RULE + rule_id


def modifier_key(modifier_id: str) -> str:
    return MODIFIER + modifier_id


# Words frequent in marketing copy: poor triggers even though they are not function words.
COMMON = STOPWORDS | frozenset(
    """about after again also back because before best both buy day days each even every first free
    get go good great help here home just know last latest let like little look love made make many
    more most much need new next now off offer offers one online only order orders other out over own
    past people pick place please recent right save says see shop since some soon still store take
    team tell than thanks thank thing things think thinking time times today top try two up us use
    want way week weeks well what which while why work year years yet""".split()
)


def word_rank(values: list[str] | set[str]) -> tuple[int, int, int]:
    """How poor a set of words is as a trigger: function words are worse than merely common
    words, which are worse than the rest; then more alternatives are worse."""
    stop = common = 0
    for v in values:
        if v in COMMON:
            common += 1
            stop += v in STOPWORDS
    return stop, common, len(values)


def triggers(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> tuple[set[str], set[str]]:
    """Words and lexicons one of which must occur for the pattern to match.

    Used to pick the sentences worth running token patterns on: of the pattern's mandatory
    tokens, the one least likely to occur (see ``anchor``). Returns two empty sets when
    nothing mandatory is literal.
    """
    best = anchor(pattern, lexicon_ranks)
    if best is None:
        return set(), set()
    _, words, lexicon = best
    return set(words), {lexicon} if lexicon else set()


def trigger_group(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> str | None:
    """The phrase key whose occurrence makes the pattern worth running: ``L:<lexicon>``,
    ``T:<JSON list of words>`` (``trigger_words`` reads it back: a raw pattern's word may
    hold any character, "|" included), or None if nothing mandatory is literal."""
    words, lexes = triggers(pattern, lexicon_ranks)
    if lexes:
        return lexicon_key(next(iter(lexes)))
    return WORDS + json.dumps(sorted(words), ensure_ascii=False) if words else None


def trigger_words(group: str) -> list[str]:
    """The words of a ``T:`` trigger group key."""
    return json.loads(group[2:])


def lexicon_ranks(lexicons: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """A lexicon is as poor a trigger as its commonest single-word terms ("store", "sixty")."""
    return {
        name: max((word_rank([t]) for t in lex.terms if " " not in t), default=(0, 0, 0))
        for name, lex in lexicons.items()
    }


def ranked(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> list[tuple[int, list[str], str | None]]:
    """``requirements``, the one least likely to occur first.

    Rank by ``word_rank``; a lexicon ranks by its own terms, via ``lexicon_ranks``, and by
    default beats any word. Equally ranked tokens keep their order."""
    ranks = lexicon_ranks or {}
    return sorted(
        requirements(pattern), key=lambda req: ranks.get(req[2], (-1, 0, 0)) if req[2] else word_rank(req[1])
    )


def anchor(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> tuple[int, list[str], str | None] | None:
    """The mandatory token least likely to occur (the first of ``ranked``), or None."""
    reqs = ranked(pattern, lexicon_ranks)
    return reqs[0] if reqs else None


def mandatory(spec: dict[str, Any]) -> bool:
    """Must the token spec match at least one token?"""
    op = spec.get("OP", "")
    if op.startswith("{"):
        return op[1:].split(",")[0].strip("}") not in ("", "0")
    return op not in ("?", "*", "!")


def requirements(pattern: list[dict[str, Any]]) -> list[tuple[int, list[str], str | None]]:
    """What a match needs, one entry per mandatory token that names words or a lexicon:
    ``(index, words, None)`` (one of these lower-case words) or ``(index, [], lexicon)`` (a
    term of it). Tokens matched by class (``#num``), regex or ``!`` say nothing and are left out."""
    out: list[tuple[int, list[str], str | None]] = []
    for i, spec in enumerate(pattern):
        if not mandatory(spec):
            continue
        ext = spec.get("_")
        if isinstance(ext, dict) and len(ext) == 1 and next(iter(ext)).startswith("cl_") and True in ext.values():
            out.append((i, [], next(iter(ext))[3:]))
            continue
        lower = spec.get("LOWER")
        values = [lower] if isinstance(lower, str) else lower.get("IN") if isinstance(lower, dict) else None
        if values and isinstance(values, list) and all(isinstance(v, str) for v in values):
            out.append((i, values, None))
    return out
