"""Safety checks for user-supplied regular expressions in raw spaCy patterns (``REGEX`` and
``FUZZY`` predicates): a rule must never make linting take super-linear time.

This walks the parse tree of Python's own regex parser (``re._parser``, private but stable
across 3.10-3.13; ``sre_parse`` on 3.10) to find nested or overlapping unbounded repeats.
"""

from __future__ import annotations

import re
from typing import Any

from .language import PatternError

MAX_REGEX_LENGTH = 200


MAX_FUZZY_LENGTH = 100


try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)


_STARTS = (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)


def check_raw_predicates(pattern: Any) -> None:
    """Reject REGEX values that can take super-linear time on a long token, and overlong
    FUZZY values, anywhere in a raw spaCy pattern (``{"LOWER": {"REGEX": ...}}``,
    ``{"TEXT": {"FUZZY": ...}}``, extension attributes...)."""
    if isinstance(pattern, dict):
        for key, value in pattern.items():
            if key == "REGEX":
                problem = regex_problem(value)
                if problem:
                    raise PatternError(f"unsafe REGEX {value!r}: {problem}")
            elif isinstance(key, str) and key.startswith("FUZZY") and isinstance(value, str):
                if len(value) > MAX_FUZZY_LENGTH:
                    raise PatternError(f"FUZZY value longer than {MAX_FUZZY_LENGTH} characters")
            else:
                check_raw_predicates(value)
    elif isinstance(pattern, list):
        for item in pattern:
            check_raw_predicates(item)


def regex_problem(pattern: Any) -> str | None:
    """Why a user regular expression is unsafe to run on untrusted text, or None.

    spaCy runs a REGEX predicate with ``re.search`` on every token, and a token can be
    50,000 characters long ("aaaa..."). Python's backtracking engine then takes
    exponential time on nested or ambiguous repeats and quadratic time on an unanchored
    or doubled unbounded repeat, so this check is deliberately conservative:

    * at most ``MAX_REGEX_LENGTH`` characters, and it must compile;
    * no repeat of something that itself repeats a variable number of times: ``(a+)+``,
      ``(.*)*``, ``(a{1,9}){2,}``, ``(\\w+\\s?)+``;
    * no repeated alternation whose branches can start with the same character:
      ``(a|aa)*``, ``(\\w|\\d)+``;
    * at most one unbounded repeat (``*``, ``+``, ``{n,}``), and only in a pattern anchored
      at the start (``^`` or ``\\A``): ``\\d+x`` and ``^\\d+\\d+x`` take quadratic time.
      Bounded repeats (``{1,40}``) are always fine.
    """
    if not isinstance(pattern, str):
        return "a REGEX value must be a string"
    if len(pattern) > MAX_REGEX_LENGTH:
        return f"longer than {MAX_REGEX_LENGTH} characters"
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"does not compile: {exc}"
    unbounded: list[int] = []
    problem = _walk_regex(parsed, False, unbounded)
    if problem:
        return problem
    if len(unbounded) > 1:
        return "more than one unbounded repeat (*, +, {n,}) can take quadratic time; bound them, e.g. {1,40}"
    if unbounded and not _anchored(parsed):
        return "an unbounded repeat (*, +, {n,}) in a pattern not anchored with ^ can take quadratic time; " \
               "anchor it or bound the repeat, e.g. {1,40}"
    return None


def _walk_regex(sub: Any, in_repeat: bool, unbounded: list[int]) -> str | None:
    for op, av in sub:
        if op in _REPEATS:
            lo, hi, item = av
            many = hi > 1
            if many and hi == _sre.MAXREPEAT:
                unbounded.append(1)
            if in_repeat and many and (lo != hi or _variable(item)):
                return "a repeat inside a repeat (like (a+)+ or (.*)*) can take exponential time"
            if many and _overlapping_branches(item):
                return "a repeated alternation whose branches overlap (like (a|aa)*) can take exponential time"
            problem = _walk_regex(item, in_repeat or many, unbounded)
        elif op is _sre.SUBPATTERN:
            problem = _walk_regex(av[-1], in_repeat, unbounded)
        elif op is _sre.BRANCH:
            problem = next((p for alt in av[1] if (p := _walk_regex(alt, in_repeat, unbounded))), None)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            problem = _walk_regex(av[1], in_repeat, unbounded)
        elif op is _sre.GROUPREF_EXISTS:
            problem = next((p for alt in av[1:] if alt and (p := _walk_regex(alt, in_repeat, unbounded))), None)
        elif op is _sre.GROUPREF:
            problem = "backreferences are not allowed"
        else:  # ATOMIC_GROUP / POSSESSIVE_REPEAT (3.11+) never backtrack into themselves; literals, sets
            problem = _walk_regex(av, in_repeat, unbounded) if str(op) == "ATOMIC_GROUP" else None
        if problem:
            return problem
    return None


def _variable(item: Any) -> bool:
    lo, hi = item.getwidth()
    return bool(lo != hi)


def _first(sub: Any) -> set[int] | None:
    """Characters a (sub)pattern can start with; None for "any / unknown"."""
    for op, av in sub:
        if op is _sre.LITERAL:
            return {av}
        if op is _sre.SUBPATTERN:
            return _first(av[-1])
        if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
            return {v for _, v in av}
        if op is _sre.IN and all(o in (_sre.LITERAL, _sre.RANGE) for o, _ in av) and len(av) < 8:
            chars: set[int] = set()
            for o, v in av:
                chars.update(range(v[0], v[1] + 1) if o is _sre.RANGE else (v,))
            return chars
        if op is _sre.AT:
            continue
        return None
    return set()


def _overlapping_branches(item: Any) -> bool:
    branches = [av[1] for op, av in item if op is _sre.BRANCH]
    for op, av in item:
        if op is _sre.SUBPATTERN:
            branches += [a[1] for o, a in av[-1] if o is _sre.BRANCH]
    for alts in branches:
        seen: set[int] = set()
        for alt in alts:
            first = _first(alt)
            if first is None or not first or first & seen:
                return True
            seen |= first
    return False


def _anchored(sub: Any) -> bool:
    for op, av in sub:
        if op is _sre.AT:
            return av in _STARTS
        if op is _sre.SUBPATTERN:
            return _anchored(av[-1])
        if op is _sre.BRANCH:
            return all(_anchored(alt) for alt in av[1])
        return False
    return False
