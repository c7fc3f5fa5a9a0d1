"""Normalising text for the NLP pipeline, with an exact map back to the original offsets.

Curly quotes, dashes and odd spaces become their plain forms (one for one), ALL-CAPS
contractions lower case ("YOU'RE" tokenizes as "you" + "'re"), paragraph breaks become
``"\\n\\n"``, a line break before a list item or after a heading line stays ``"\\n"`` (what
follows is a sentence of its own), other whitespace runs one space, zero-width characters
disappear, and very long runs without spaces get a space every 64 characters (spaCy's
tokenizer is quadratic on them).
``to_orig`` maps any offset in the normalised text back to the original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

# Characters rewritten so one token pattern covers every spelling; all are one-for-one
# except zero-width characters, which are dropped (they hide words from matching).
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                              "\u2028": "\n", "\u2029": "\n", "\t": " ", "\u2013": "-", "\u2014": "-"})

_ZW = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters
_NORMALISE = re.compile(rf"[{_ZW}]+|\s*\n\s*\n\s*|[ \r\n\f\v]{{2,}}|\r\n?|\n|(?P<long>[^\s{_ZW}]{{128,}})")

# Only runs of whitespace / zero-width characters can change (besides long runs, below), so
# _NORMALISE is applied to these alone: scanning all text with it cost as much as tokenizing.
_RUNS = re.compile(rf"[\s{_ZW}][\s{_ZW}]+|[\r\n\f\v{_ZW}]")

# A line that starts a list item ("- ", "* ", "• ", "1. ", "2) "): its line break is kept, so
# the item is a sentence of its own and no pattern runs from one item into the next.
_BULLET = re.compile(r"[-*\u2022\u00b7\u25aa\u25ba\u2023\u25e6]\s|\d{1,2}[.)]\s")

# A heading line ("Recent history", "Your week in review") opens a paragraph, is short, ends
# without punctuation or a word that needs more, and the next line starts with a capital: its
# line break is kept, so no pattern runs from the heading into the sentence below. Hard-wrapped
# prose breaks mid-sentence, usually after a longer line.
_HEADING_CHARS, _HEADING_WORDS = 40, 6
_HEADING = re.compile(rf"(?:^|\n\s*\n)[ \t]*([^\n]{{1,{_HEADING_CHARS}}})\Z")
_NEEDS_MORE = frozenset(
    "a an the at to of in on for and or but with from by as your you our my we i is are was were that this".split()
)

# spaCy's tokenizer takes quadratic time on a long run without spaces ("((((…", emoji): such
# runs get a space every _PIECE characters (mapped exactly; no word is that long).
_PIECE = 64
_LONG = 128


# ASCII whitespace other than space and newline: any of it means normalising has work to do.
_OTHER_SPACE = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _plain(text: str) -> bool:
    """Whether ``normalise`` would return ``text`` unchanged, decided with C-level substring
    tests (~4 us on 400 characters; the full pass costs ~20 us). Only ASCII text is tried:
    every character ``normalise`` rewrites or drops is outside ASCII, except the whitespace
    above. Unchanged means each whitespace run is one space or an exact paragraph break and
    no run of ``_LONG`` characters lacks a space."""
    if not text.isascii() or any(c in text for c in _OTHER_SPACE):
        return False
    if "  " in text or " \n" in text or "\n " in text or "\n\n\n" in text or text.count("\n") != 2 * text.count("\n\n"):
        return False
    # a run of _LONG (= 2 * _PIECE) characters without whitespace covers a whole aligned _PIECE block
    return len(text) < _LONG or all(
        " " in text[i : i + _PIECE] or "\n" in text[i : i + _PIECE] for i in range(0, len(text) - _PIECE + 1, _PIECE)
    )


def _edits(text: str) -> Iterator[re.Match[str]]:
    """The ``_NORMALISE`` matches in ``text``, in order."""
    if len(text) >= _LONG and max(map(len, text.split())) >= _LONG:
        yield from _NORMALISE.finditer(text)
        return
    for run in _RUNS.finditer(text):
        yield from _NORMALISE.finditer(text, run.start(), run.end())


# An ALL-CAPS contraction ("YOU'RE", "WE'VE") is one token to spaCy's case-sensitive
# exceptions, while "you're" splits into "you" + "'re" as the rules expect; lower-casing it is
# one for one, so positions stay exact.
_CAPS_CONTRACTION = re.compile(r"\b[A-Z]+'[A-Z]{1,2}\b")


def _lower_caps_contractions(text: str) -> str:
    if "'" not in text:
        return text
    return _CAPS_CONTRACTION.sub(lambda m: m.group(0).lower(), text)


def normalise(text: str) -> tuple[str, list[int], list[int]]:
    """Text for the NLP pipeline and a map back to ``text``.

    Paragraph breaks become ``"\\n\\n"``, a line break before a list item stays ``"\\n"``,
    other whitespace runs one space, and zero-width characters disappear. Returns (normalised,
    norm_starts, orig_starts): breakpoints where offsets ``norm_starts[i] + k`` map to ``orig_starts[i] + k``.
    """
    if _plain(text):
        return _lower_caps_contractions(text), [0], [0]
    text = _lower_caps_contractions(text.translate(_SAME_LENGTH))
    out: list[str] = []
    norm_starts, orig_starts = [0], [0]
    pos = 0
    length = 0
    for m in _edits(text):
        s, e = m.span()
        chunk = m.group(0)
        if m.group("long"):
            out.append(text[pos:s])
            length += s - pos
            for k in range(0, len(chunk), _PIECE):
                piece = chunk[k : k + _PIECE]
                norm_starts.append(length)
                orig_starts.append(s + k)
                out.append(piece)
                length += len(piece)
                if k + _PIECE < len(chunk):  # the inserted space maps to the next character
                    out.append(" ")
                    norm_starts.append(length)
                    orig_starts.append(s + k + len(piece))
                    length += 1
            norm_starts.append(length)
            orig_starts.append(e)
            pos = e
            continue
        if chunk[0] in _ZW:
            repl = ""
        elif chunk.count("\n") >= 2 or "\n\n" in chunk:
            repl = "\n\n"
        elif "\n" in chunk and (_BULLET.match(text, e) or _heading_ends(text, s, e)):
            repl = "\n"  # a list item, or what follows a heading, starts a sentence of its own
        else:
            repl = " "
        if repl == chunk:
            continue
        out.append(text[pos:s])
        length += s - pos
        out.append(repl)
        # the replacement maps to the start of the run; what follows maps to the run's end
        norm_starts.append(length)
        orig_starts.append(s)
        length += len(repl)
        norm_starts.append(length)
        orig_starts.append(e)
        pos = e
    out.append(text[pos:])
    return "".join(out), norm_starts, orig_starts


def _heading_ends(text: str, s: int, e: int) -> bool:
    """Does a heading line end at ``s``, with a capitalised line from ``e``?"""
    if e >= len(text) or not text[e].isupper():
        return False
    m = _HEADING.search(text, max(0, s - _HEADING_CHARS - 8), s)  # the line, its break, some indent
    if m is None:
        return False
    line = m.group(1).rstrip()
    words = line.split()
    return (
        0 < len(words) <= _HEADING_WORDS
        and line[-1].isalnum()
        and words[-1].lower() not in _NEEDS_MORE
    )


def to_orig(offset: int, norm_starts: list[int], orig_starts: list[int]) -> int:
    i = bisect.bisect_right(norm_starts, offset) - 1
    return orig_starts[i] + (offset - norm_starts[i])
