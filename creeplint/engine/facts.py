"""What one annotated message holds, read lazily by rules, signals and the learned scorer:
its token columns, sentences, lexicon terms and where they fall."""

from __future__ import annotations

import bisect

from .match import Tokens

_SEEN: set[int] = set()  # words whose digits were looked at
_DIGITS: set[int] = set()  # the ones holding a digit
_SEEN_MAX = 500_000


class Facts:
    """One annotated doc's token columns and sentences (start, end), and per sentence the set
    of its lower-case word hashes and lexicon keys, for ``Group.possible`` (built on first use)."""

    def __init__(self, doc, lexicon_hits, splitter=None, lower: list[int] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.tokens = Tokens(doc, lexicon_hits, splitter and splitter.starts, lower)
        self.starts = [i for i, start in enumerate(self.tokens.is_sent_start) if start]
        self.sents = list(zip(self.starts, [*self.starts[1:], len(doc)], strict=True))
        self.lexicon_hits = lexicon_hits
        self._lexicons: dict[int, set[int]] | None = None  # sentence -> keys of the terms in it
        self._cache: dict[int, set[int]] = {}
        self._by_start: list[tuple[int, int, int]] | None = None
        self._questions: list[int] | None = None
        self._idx: list[int] | None = None
        self._straddled: set[int] | None = None
        self._sent_of: list[int] | None = None

    def terms_between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(start, end, key) of the lexicon terms wholly inside tokens [start, end), by start and
        then longest first."""
        if self._by_start is None:
            self._by_start = sorted(((s, e, k) for k, s, e in self.lexicon_hits), key=lambda t: (t[0], -t[1]))
        i = bisect.bisect_left(self._by_start, start, key=lambda t: t[0])
        out = []
        while i < len(self._by_start) and self._by_start[i][0] < end:
            if self._by_start[i][1] <= end:
                out.append(self._by_start[i])
            i += 1
        return out

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end) in the normalised text (the token start
        column is read once per message that has findings, for them and their signals)."""
        if self._idx is None:
            from spacy.attrs import IDX

            self._idx = self.tokens.doc.to_array(IDX).tolist() if len(self.tokens.doc) else []
        last = self.tokens.strings[self.tokens.orth[end - 1]]
        return self._idx[start], self._idx[end - 1] + len(last)

    def has_digit(self, token: int) -> bool:
        """Does the token hold a digit ("4x", "2:15", "£40")?"""
        return self.any_digit({self.tokens.orth[token]})

    def any_digit(self, words: set[int]) -> bool:
        """Does any of the words (string-store hashes) hold a digit? Read from the string store
        and kept per word across messages (a hash names the same string in any store), so a
        sentence costs two set operations: making spaCy Token objects (or ``doc.text``) costs
        more than the rest of the signals together."""
        new = words - _SEEN
        if new:
            if len(_SEEN) >= _SEEN_MAX:
                _SEEN.clear()
                _DIGITS.clear()
            strings = self.tokens.strings
            _DIGITS.update(o for o in new if any(ch.isdigit() for ch in strings[o]))
            _SEEN.update(new)
        return not _DIGITS.isdisjoint(words)

    def question_after(self, si: int, token: int) -> int | None:
        """The first "?" of sentence ``si`` at or after ``token``, if the sentence has one."""
        if self._questions is None:
            qmark = self.tokens.strings.add("?")
            self._questions = [i for i, t in enumerate(self.tokens.orth) if t == qmark]
        i = bisect.bisect_left(self._questions, token)
        if i < len(self._questions) and self._questions[i] < self.sents[si][1]:
            return self._questions[i]
        return None

    def sent_of(self) -> list[int]:
        """The sentence index of every token."""
        if self._sent_of is None:
            self._sent_of = []
            for si, (s, e) in enumerate(self.sents):
                self._sent_of += [si] * (e - s)
        return self._sent_of

    def straddled(self) -> set[int]:
        """Sentences a lexicon term runs into or out of."""
        if self._straddled is None:
            self._straddled = set()
            for _, start, end in self.lexicon_hits:
                first, last = self.sentence(start), self.sentence(end - 1)
                if first != last:
                    self._straddled.update(range(first, last + 1))
        return self._straddled

    def sentence(self, token: int) -> int:
        """Index of the sentence a token is in."""
        return bisect.bisect_right(self.starts, token) - 1

    def __call__(self, si: int) -> set[int]:
        found = self._cache.get(si)
        if found is None:
            if self._lexicons is None:
                self._lexicons = {}
                for key, start, end in self.lexicon_hits:  # a term may straddle sentences
                    for sj in range(self.sentence(start), self.sentence(end - 1) + 1):
                        self._lexicons.setdefault(sj, set()).add(key)
            first, last = self.sents[si]
            found = set(self.tokens.lower[first:last])
            found |= self._lexicons.get(si, set())
            self._cache[si] = found
        return found
