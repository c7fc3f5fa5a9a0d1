"""What a suggestion quotes for ``{match}``: whole words and phrases of the source, never a
number cut from its unit or a phrase stopped on a dangling auxiliary.

A rule's span is what its pattern needed, which is not always what a reader should be told
to drop: ``We noticed you have`` (the pattern ends on the auxiliary), ``1:20`` in "1:20 am",
``20`` in "20%", part of a hyphenated word. ``quote`` widens (or, for a trailing determiner,
narrows) the span on the message text alone, so it works with or without a trained pipeline.
The finding's own span and position do not change: only the words quoted in its suggestion.
"""

from __future__ import annotations

import re

# a unit that belongs to the number before it ("1:20 am", "6 times", "3.5 miles")
UNITS = frozenset("""
    am pm a.m. p.m. o'clock oclock h hr hrs hour hours min mins minute minutes sec secs second seconds
    day days week weeks month months year years yr yrs times time x % percent per cent
    mi mile miles km kms kilometre kilometres kilometer kilometers m metre metres meter meters ft feet foot
    yd yds yard yards kg kgs lb lbs pound pounds oz g st stone k
    visits views clicks opens searches purchases orders items
    """.split())
_AUXILIARIES = frozenset("have has had having been be being is are was were 've 's 're 'd ’ve ’s ’re ’d".split())
_DANGLING = frozenset("the a an your our their his her its this that these those my".split())
_WORD = re.compile(r"[\w'’.%-]+")
_CURRENCY = "$£€¥"
_MAX_EXTRA_WORDS = 3


def _inner(ch: str) -> bool:
    """Characters that continue a word: letters, digits, apostrophes, inner hyphens."""
    return ch.isalnum() or ch in "'’-_"


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"[$£€¥]?\d[\d,.:]*(?:st|nd|rd|th)?", word))


def _next_word(text: str, end: int) -> tuple[int, int] | None:
    """The word after ``end`` on the same line (spaces only in between), or None."""
    i = end
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    if i == end and text[i : i + 1] != "%":
        return None
    m = _WORD.match(text, i)
    return (m.start(), m.end()) if m else None


def _prev_word(text: str, start: int) -> tuple[int, int] | None:
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == start:
        return None
    j = i
    while j > 0 and (_inner(text[j - 1]) or text[j - 1] in ".,:" + _CURRENCY):
        j -= 1
    return (j, i) if j < i else None


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``text[start:end]`` grown to whole words, a number's unit (and a unit's
    number), an auxiliary's verb; a trailing determiner or possessive is dropped."""
    if not 0 <= start < end <= len(text):
        return start, end
    while start > 0 and _inner(text[start - 1]) and _inner(text[start]):
        start -= 1
    while end < len(text) and _inner(text[end]) and _inner(text[end - 1]):
        end += 1
    if start > 0 and text[start - 1] in _CURRENCY:
        start -= 1
    words = text[start:end].split()
    if not words:
        return start, end
    # a number and its unit go together
    if _is_number(words[-1].rstrip(".,")):
        nxt = _next_word(text, end)
        word = text[nxt[0] : nxt[1]].rstrip(",;:!?") if nxt else ""
        if word.lower() not in UNITS:
            word = word.rstrip(".")  # "1:20 am." ends a sentence; "a.m." keeps its dots
        if nxt and word.lower() in UNITS | {"%"}:
            end = nxt[0] + len(word)
    if words[0].lower() in UNITS:
        prev = _prev_word(text, start)
        if prev and _is_number(text[prev[0] : prev[1]]):
            start = prev[0]
    # an auxiliary at the end needs its verb ("we noticed you have" -> "... have been browsing")
    extra = 0
    while text[start:end].split()[-1].lower() in _AUXILIARIES and extra < _MAX_EXTRA_WORDS:
        nxt = _next_word(text, end)
        if nxt is None:
            break
        end, extra = nxt[1], extra + 1
        while end > start and text[end - 1] in ".,;:!?":
            end -= 1
    if text[start:end].split()[-1].lower() in _AUXILIARIES:  # no verb within reach: drop the auxiliary
        end = _trim_last(text, start, end)
    # a trailing "the" / "your" quotes half a noun phrase: leave it out
    while len(text[start:end].split()) > 1 and text[start:end].split()[-1].lower() in _DANGLING:
        end = _trim_last(text, start, end)
    return start, end


def _trim_last(text: str, start: int, end: int) -> int:
    """``end`` moved back over the span's last word and the space before it (kept when the
    span has one word only)."""
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    while i > start and not text[i - 1].isspace():
        i -= 1
    while i > start and text[i - 1].isspace():
        i -= 1
    return i if i > start else end


def quote(text: str, start: int, end: int) -> str:
    """The words a suggestion quotes for the span (whitespace runs folded to one space)."""
    s, e = widen(text, start, end)
    return " ".join(text[s:e].split())
