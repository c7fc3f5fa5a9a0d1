"""The built-in token matcher and sentence splitter must agree exactly with spaCy's own
``Matcher(greedy="LONGEST")`` and ``sentencizer``, which they replace for speed."""

from __future__ import annotations

import os
import random

import pytest

from creeplint.engine import match
from creeplint.engine.core import Engine
from creeplint.engine.normalise import normalise
from creeplint.engine.pipeline import build_nlp
from creeplint.rules.language import compile_pattern
from creeplint.rules.triggers import anchor

EXTRA_TEXTS = [
    "Hi!!! ... \"Yes.\" ok?) Next one. 3.5 times. Wow!!1 fine",
    "We noticed you looked at it 4 times, 5 times, 6 times at 11:42pm.",
    "a\n\nb c\n\n\nd. e",
    "Still thinking about the coat? Still. Still still still thinking.",
    "",
    ".",
    "You you you your yours you've you'd",
]


def spacy_matcher(nlp, patterns):  # type: ignore[no-untyped-def]
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab, validate=False)
    for key, pats in patterns.items():
        matcher.add(key, pats, greedy="LONGEST")

    def run(doc, start, end):  # type: ignore[no-untyped-def]
        return sorted((nlp.vocab.strings[k], s + start, e + start) for k, s, e in matcher(doc[start:end]))

    return run


def our_matcher(nlp, patterns):  # type: ignore[no-untyped-def]
    strings = nlp.vocab.strings
    ps = match.PatternSet()
    for key, pats in patterns.items():
        for pat in pats:
            steps = match.compile_pattern(pat, strings)
            assert steps is not None, pat
            best = anchor(pat)
            if best is None:
                ps.add(strings.add(key), steps, None, [])
            else:
                i, words, lexicon = best
                ps.add(strings.add(key), steps, i, [strings.add(h) for h in ([f"L:{lexicon}"] if lexicon else words)])

    def run(doc, start, end, lexicon_hits):  # type: ignore[no-untyped-def]
        return sorted((strings[k], s, e) for k, s, e in ps(match.Tokens(doc, lexicon_hits), start, end))

    return run


def marked_doc(engine: Engine, text: str):  # type: ignore[no-untyped-def]
    """A doc with sentences and lexicon extensions set, as spaCy's Matcher needs them."""
    from spacy.tokens import Token

    c = engine.c
    doc = c.nlp(normalise(text)[0])
    hits = []
    for key, start, end in c.phrases([t.lower for t in doc]):
        attr = c.lexicon_keys.get(key)
        if attr:
            hits.append((key, start, end))
            for tok in doc[start:end]:
                if not Token.has_extension(attr):
                    Token.set_extension(attr, default=False)
                setattr(tok._, attr, True)
    return doc, hits


# spaCy's Matcher takes ~65 ms a sentence over the thousands of shipped patterns, so by default
# the comparison reads every 4th shipped example sentence (all of them under the thorough
# profile), and always the hand-written edge cases
SAMPLE = 1 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 4


def test_every_shipped_pattern_matches_as_spacy_does(book, engine):
    """All shipped rule and modifier patterns, on the shipped example sentences."""
    names = set(book.lexicons)
    patterns: dict[str, list] = {}
    for item in [*book.rules, *book.modifiers]:
        patterns[item.id] = [pat for p in item.patterns for pat in compile_pattern(p, names)]
    texts = [t for item in [*book.rules, *book.modifiers] for t in item.examples_flag + item.examples_pass]
    assert len(texts) > 700
    nlp = engine.c.nlp
    theirs, ours = spacy_matcher(nlp, patterns), our_matcher(nlp, patterns)
    compared = 0
    for text in texts[::SAMPLE] + EXTRA_TEXTS:
        doc, hits = marked_doc(engine, text)
        for sent in doc.sents:
            found = ours(doc, sent.start, sent.end, hits)
            assert found == theirs(doc, sent.start, sent.end), sent.text
            compared += len(found)
    assert compared > 700 // SAMPLE  # it covered many real matches, not only empty lists


QUANTIFIED = {
    "plus": [[{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}, {"LOWER": "c", "OP": "?"}]],
    "star": [[{"LOWER": "b", "OP": "*"}, {"LOWER": "c"}, {}, {"IS_PUNCT": True, "OP": "*"}]],
    "range": [[{"LOWER": {"IN": ["a", "b"]}, "OP": "{2,3}"}, {"LOWER": {"NOT_IN": ["a"]}}]],
    "exact": [[{"LOWER": "b", "OP": "{2}"}, {"LIKE_NUM": True, "OP": "{,2}"}]],
    "open": [[{"ORTH": "A"}, {"LOWER": "b", "OP": "{1,}"}]],
    "title": [[{"IS_TITLE": True}, {"IS_SENT_START": False, "LOWER": {"REGEX": "^[bc]$"}}]],
    "start": [[{"IS_SENT_START": True}, {"OP": "?"}, {"LOWER": "c"}]],
}


@pytest.mark.parametrize("seed", range(3))
def test_quantifiers_match_as_spacy_does(seed):
    nlp = build_nlp()
    theirs, ours = spacy_matcher(nlp, QUANTIFIED), our_matcher(nlp, QUANTIFIED)
    rng = random.Random(seed)
    words = ["a", "A", "b", "B", "c", "C", "1", "two", ".", "!", ","]
    for _ in range(300):
        doc = nlp(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))))
        assert ours(doc, 0, len(doc), []) == theirs(doc, 0, len(doc)), doc.text


def test_specs_outside_the_rule_language_are_left_to_spacy():
    nlp = build_nlp()
    assert match.compile_pattern([{"POS": "NOUN"}], nlp.vocab.strings) is None
    assert match.compile_pattern([{"LOWER": "a", "OP": "!"}], nlp.vocab.strings) is None
    assert match.compile_pattern([{"_": {"my_attr": True}}], nlp.vocab.strings) is None
    assert match.compile_pattern([{"LOWER": "a", "OP": "{1,2}"}], nlp.vocab.strings) is not None


def test_sentences_split_as_spacy_sentencizer(book):
    import spacy

    ours = build_nlp()
    ref = spacy.blank("en")
    ref.add_pipe("sentencizer")
    texts = [t for item in [*book.rules, *book.modifiers] for t in item.examples_flag + item.examples_pass]
    for text in texts + EXTRA_TEXTS:
        norm = normalise(text)[0]
        doc = ref.make_doc(norm)
        for i, tok in enumerate(doc[:-1]):  # what the paragraph rule does: a blank line ends a sentence
            if tok.is_space and "\n" in tok.text:
                doc[i + 1].is_sent_start = True
        expected = [s.text for s in ref.get_pipe("sentencizer")(doc).sents]
        assert [s.text for s in ours(norm).sents] == expected


def test_normalise_scans_only_whitespace_runs_yet_matches_a_full_scan(monkeypatch):
    import creeplint.engine.normalise as eng

    rng = random.Random(5)
    pieces = ["a", "b", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u200b", "\u00a0", "\u2028", "\x0c",
              "\x0b", "\u2003", "x" * 130, ".", "\ufeff \n", " \u200b "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    fast = [normalise(t) for t in texts]
    monkeypatch.setattr(eng, "_edits", eng._NORMALISE.finditer)
    assert fast == [normalise(t) for t in texts]


def test_normalise_fast_path_returns_what_the_full_pass_would(monkeypatch):
    """``_plain`` lets unchanged ASCII copy skip the full pass: on random text built from the
    pieces that decide it, the result is the same either way, and the fast path is taken."""
    import random

    import creeplint.engine.normalise as n

    rng = random.Random(11)
    pieces = ["a", "b", " ", "  ", "\n", "\n\n", "\n\n\n", "\n \n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1f",
              "\u2019", "\u00a0", "\u200b", "\u2003", "x" * 130, "y" * 64, "z" * 63, "q" * 127, ".", "word "]
    ascii_pieces = ["a", " ", "\n\n", "y" * 64, "z" * 63, "q" * 127, "x" * 130, "\n", "word "]
    texts = ["".join(rng.choice(p) for _ in range(rng.randint(0, 30)))
             for p in (pieces, ascii_pieces) for _ in range(20000)]
    fast = [normalise(t) for t in texts]
    taken = sum(map(n._plain, texts))
    monkeypatch.setattr(n, "_plain", lambda text: False)
    assert fast == [normalise(t) for t in texts]
    assert taken > 1000
