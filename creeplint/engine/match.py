"""Token patterns matched from an anchor token, in plain Python over ``Doc.to_array`` columns.

Size: the forward and backward walks mirror each other on purpose (they are the hot loops),
and the predicate compilers they run sit beside them.

spaCy's ``Matcher`` steps every pattern through every token of the span it is given and
calls back into Python for each set (``IN``) or extension (``_``) predicate; on short
sentences that fixed cost (tens of microseconds a call) was most of creeplint's time. Here
each pattern is indexed by its *anchor*, the mandatory token least likely to occur, and
is only tried where an anchor word or lexicon term is: backwards over the tokens before
it, forwards over the ones after. The result is the same as a ``Matcher`` with
``greedy="LONGEST"``: every match of every pattern, then per key the longest
non-overlapping ones.

Token specs other than those the rule language produces (``LOWER`` equal / ``IN`` /
``NOT_IN`` / ``REGEX``, ``ORTH`` equal / ``REGEX``, ``LIKE_NUM``, ``IS_TITLE``, ``IS_PUNCT``,
``IS_SENT_START``, lexicon extensions, ``OP``) are not supported here: ``compile_pattern``
returns None and the caller keeps such patterns in a spaCy ``Matcher``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..rules.triggers import lexicon_key

INF = 1 << 30
_FLAGS = ("LIKE_NUM", "IS_TITLE", "IS_PUNCT", "IS_SENT_START")
_OPS = {None: (1, 1), "?": (0, 1), "*": (0, INF), "+": (1, INF)}


class Tokens:
    """The columns of one doc that token specs read, plus each token's lexicon keys."""

    __slots__ = ("doc", "is_punct", "is_sent_start", "is_title", "lexicons", "like_num", "lower", "orth", "strings")

    def __init__(self, doc, lexicon_hits: list[tuple[int, int, int]], splitter=None, lower=None) -> None:  # type: ignore[no-untyped-def]
        """``splitter``: sentence starts from (orth, is_punct, is_space) columns; without it the
        doc's own sentence annotation is read. ``lower``: the LOWER column, if already read."""
        from spacy.attrs import IS_PUNCT, IS_SPACE, IS_TITLE, LIKE_NUM, LOWER, ORTH, SENT_START

        attrs = [ORTH, LIKE_NUM, IS_TITLE, IS_PUNCT, IS_SPACE, SENT_START]
        if lower is None:
            attrs.insert(0, LOWER)
        cols = doc.to_array(attrs).T.tolist() if len(doc) else [[] for _ in attrs]
        if lower is not None:
            cols.insert(0, lower)
        self.lower, self.orth, self.like_num, self.is_title, self.is_punct, is_space, starts = cols
        if splitter is not None and len(doc):
            starts = splitter(self.orth, self.is_punct, is_space)
        self.is_sent_start = [s == 1 for s in starts]
        self.doc = doc
        self.strings = doc.vocab.strings
        self.lexicons: dict[int, set[int]] = {}
        for key, start, end in lexicon_hits:
            for i in range(start, end):
                self.lexicons.setdefault(i, set()).add(key)


Check = Callable[[Tokens, int], bool]


def _lower_in(values: frozenset[int], want: bool) -> Check:
    return lambda t, i: (t.lower[i] in values) is want


def _orth_is(value: int) -> Check:
    return lambda t, i: t.orth[i] == value


def _lower_search(rx: re.Pattern[str]) -> Check:
    return lambda t, i: rx.search(t.strings[t.lower[i]]) is not None


def _orth_search(rx: re.Pattern[str]) -> Check:
    return lambda t, i: rx.search(t.strings[t.orth[i]]) is not None


def _flag(name: str, want: bool) -> Check:
    return lambda t, i: bool(getattr(t, name)[i]) is want


def _in_lexicon(key: int) -> Check:
    return lambda t, i: key in t.lexicons.get(i, ())


def _any(t: Tokens, i: int) -> bool:
    """Any token (``{}``, ``*``): the matcher moves over such steps without checking tokens."""
    return True


def _all(conds: list[Check]) -> Check:
    return lambda t, i: all(c(t, i) for c in conds)


def _check(spec: dict[str, Any], strings) -> Check | None:  # type: ignore[no-untyped-def]
    """One predicate for a token spec (without its OP), or None if the spec is not supported."""
    conds: list[Check] = []
    h = strings.add
    for attr, value in spec.items():
        if attr == "OP":
            continue
        if attr == "LOWER" and isinstance(value, str):
            conds.append(_lower_in(frozenset({h(value)}), True))
        elif attr == "LOWER" and isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                conds.append(_lower_in(frozenset(map(h, arg)), op == "IN"))
            elif op == "REGEX" and isinstance(arg, str):
                conds.append(_lower_search(re.compile(arg)))
            else:
                return None
        elif attr == "ORTH" and isinstance(value, str):
            conds.append(_orth_is(h(value)))
        elif attr == "ORTH" and isinstance(value, dict) and isinstance(value.get("REGEX"), str) and len(value) == 1:
            conds.append(_orth_search(re.compile(value["REGEX"])))
        elif attr in _FLAGS and isinstance(value, bool):
            conds.append(_flag(attr.lower(), value))
        elif attr == "_" and isinstance(value, dict) and len(value) == 1:
            ((name, want),) = value.items()
            if not (isinstance(name, str) and name.startswith("cl_") and want is True):
                return None
            conds.append(_in_lexicon(h(lexicon_key(name[3:]))))
        else:
            return None
    if not conds:
        return _any
    return conds[0] if len(conds) == 1 else _all(conds)


def _bounds(op: Any) -> tuple[int, int] | None:
    if op in _OPS:
        return _OPS[op]
    m = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op) if isinstance(op, str) else None
    if not m:
        return None
    lo = int(m.group(1) or 0)
    hi = INF if m.group(2) and not m.group(3) else int(m.group(3) or m.group(1) or 0)
    return lo, hi


Step = tuple[Check, int, int]  # predicate, min and max number of tokens


def compile_pattern(pattern: list[dict[str, Any]], strings) -> list[Step] | None:  # type: ignore[no-untyped-def]
    steps = []
    for spec in pattern:
        check = _check(spec, strings)
        bounds = _bounds(spec.get("OP"))
        if check is None or bounds is None:
            return None
        steps.append((check, *bounds))
    return steps


def _forward(steps: list[Step], positions: set[int], end: int, t: Tokens) -> set[int]:
    """Where a match of ``steps`` can end, starting at any of ``positions`` (token < end)."""
    for check, lo, hi in steps:
        nxt: set[int] = set()
        for p in positions:
            if check is _any:
                nxt.update(range(p + lo, min(p + hi, end) + 1))
                continue
            if lo == 0:
                nxt.add(p)
            n = 0
            while n < hi and p < end and check(t, p):
                p += 1
                n += 1
                if n >= lo:
                    nxt.add(p)
        if not nxt:
            return nxt
        positions = nxt
    return positions


def _backward(steps: list[Step], positions: set[int], start: int, t: Tokens) -> set[int]:
    """Where a match of ``steps`` can start, ending at any of ``positions`` (token >= start).

    The mirror of ``_forward``, written out rather than parameterised by direction: these two
    loops are where matching spends its time."""
    for check, lo, hi in reversed(steps):
        nxt: set[int] = set()
        for p in positions:
            if check is _any:
                nxt.update(range(max(p - hi, start), p - lo + 1))
                continue
            if lo == 0:
                nxt.add(p)
            n = 0
            while n < hi and p > start and check(t, p - 1):
                p -= 1
                n += 1
                if n >= lo:
                    nxt.add(p)
        if not nxt:
            return nxt
        positions = nxt
    return positions


class PatternSet:
    """Patterns indexed by anchor (a lower-case word hash or a lexicon key hash)."""

    def __init__(self) -> None:
        # anchor hash -> (key, steps before the anchor, anchor step, steps after, what else it needs)
        self.anchored: dict[int, list[tuple[int, list[Step], Step, list[Step], tuple[frozenset[int], ...]]]] = {}
        self.free: list[tuple[int, list[Step]]] = []  # no anchor: tried at every token

    def add(
        self, key: int, steps: list[Step], anchor: int | None, hashes: list[int],
        needs: tuple[frozenset[int], ...] = (),
    ) -> None:
        """``needs``: hash sets (words or lexicon keys) the sentence must each meet for the
        pattern to be worth trying; checked only when the caller passes the sentence's facts."""
        if anchor is None:
            self.free.append((key, steps))
            return
        entry = (key, steps[:anchor], steps[anchor], steps[anchor + 1 :], needs)
        for h in hashes:
            self.anchored.setdefault(h, []).append(entry)

    def __call__(
        self, t: Tokens, start: int, end: int, anchors: list[int] | None = None, facts: set[int] | None = None
    ) -> list[tuple[int, int, int]]:
        """(key, start, end) of the longest non-overlapping matches per key in tokens [start, end),
        from the given anchor tokens (every token if None; patterns with no anchor always).
        ``facts``: the sentence's lower-case and lexicon hashes, to skip patterns that cannot match."""
        found: dict[int, set[tuple[int, int]]] = {}
        anchored, lower, lexicons = self.anchored, t.lower, t.lexicons
        for i in range(start, end) if anchors is None else anchors:
            cands = anchored.get(lower[i])
            if cands:
                self._anchored(cands, t, i, start, end, found, facts)
            for key in lexicons.get(i, ()):
                cands = anchored.get(key)
                if cands:
                    self._anchored(cands, t, i, start, end, found, facts)
        for i in range(start, end) if self.free else ():
            for key, steps in self.free:
                for e in _forward(steps, {i}, end, t):
                    if e > i:
                        found.setdefault(key, set()).add((i, e))
        return _longest(found)

    @staticmethod
    def _anchored(cands, t: Tokens, i: int, start: int, end: int, found, facts) -> None:  # type: ignore[no-untyped-def]
        for key, before, (check, lo, hi), after, needs in cands:
            if facts is not None and needs and any(r.isdisjoint(facts) for r in needs):
                continue
            if not check(t, i):
                continue
            # the anchor step covers token i: every run [a, b) of matching tokens around it
            a = b = i
            if hi > 1:
                while a > start and i - a + 1 < hi and check(t, a - 1):
                    a -= 1
                while b + 1 < end and b - i + 1 < hi and check(t, b + 1):
                    b += 1
            for x, y in [(x, y) for x in range(a, i + 1) for y in range(i + 1, b + 2) if lo <= y - x <= hi]:
                starts = _backward(before, {x}, start, t)
                if not starts:
                    continue
                ends = _forward(after, {y}, end, t)
                if ends:
                    pairs = found.setdefault(key, set())
                    pairs.update((s, e) for s in starts for e in ends)


def _longest(found: dict[int, set[tuple[int, int]]]) -> list[tuple[int, int, int]]:
    """Per key, the longest matches first (then the earliest), skipping any that overlap a kept one."""
    out = []
    for key, pairs in found.items():
        taken: list[tuple[int, int]] = []
        for s, e in sorted(pairs, key=lambda p: (p[0] - p[1], p[0])):
            if all(e <= ts or s >= te for ts, te in taken):
                taken.append((s, e))
                out.append((key, s, e))
    return out


class PhraseIndex:
    """Lexicon terms and trigger words as sequences of lower-case hashes, found with one dict
    lookup per token.

    Does what a ``PhraseMatcher(attr="LOWER")`` does (every occurrence of every phrase, per
    key), but building it is hashing strings: a PhraseMatcher needed a ``Doc`` per term, and
    for the shipped lexicons that was a fifth of start-up."""

    def __init__(self) -> None:
        # a trie: first hash -> (keys of the phrases that end here, next hash -> node)
        self.root: dict[int, _Node] = {}

    def add(self, key: int, phrases: Iterable[Sequence[int]]) -> None:
        for phrase in phrases:
            nodes = self.root
            for depth, h in enumerate(phrase):
                node = nodes.setdefault(h, ([], {}))
                if depth == len(phrase) - 1 and key not in node[0]:
                    node[0].append(key)
                nodes = node[1]

    def __call__(self, lower: list[int]) -> list[tuple[int, int, int]]:
        """(key, start, end) of every phrase occurrence in a doc's lower-case hash column."""
        out = []
        root, n = self.root, len(lower)
        for i in [i for i, h in enumerate(lower) if h in root]:
            node: _Node | None = root[lower[i]]
            j = i + 1
            while node is not None:
                ends, children = node
                if ends:
                    out += [(key, i, j) for key in ends]
                if not children or j >= n:
                    break
                node = children.get(lower[j])
                j += 1
        return out


_Node = tuple[list[int], dict[int, "_Node"]]
