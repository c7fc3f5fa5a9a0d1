"""The one spaCy pipeline: ``spacy.blank("en")`` (or an installed trained pipeline) plus
paragraph and sentence splitting computed from token columns."""

from __future__ import annotations

PARAGRAPH_COMPONENT = "creeplint_paragraphs"


SENTENCE_COMPONENT = "creeplint_sentences"


class _Sentences:
    """Sentence starts from token attribute arrays: a token after a blank line starts a
    sentence (``paragraphs_only``), and, exactly as spaCy's ``sentencizer`` decides, so does
    the first token that is not punctuation after one of its sentence-final characters.

    The same rules as ``paragraphs`` + ``sentencizer``, several times faster: it reads
    ``Doc.to_array`` instead of creating a ``Token`` per word, which was most of their cost.
    """

    def __init__(self, vocab, paragraphs_only: bool = False) -> None:  # type: ignore[no-untyped-def]
        from spacy.pipeline.sentencizer import Sentencizer

        self.strings = vocab.strings
        self.punct = frozenset(vocab.strings.add(ch) for ch in Sentencizer.default_punct_chars)
        self.paragraphs_only = paragraphs_only

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        import numpy
        from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START

        if len(doc):
            starts = self.starts(*doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).T.tolist())
            doc.from_array(SENT_START, numpy.array(starts, dtype="int64").astype("uint64"))
        return doc

    def starts(self, orth: list[int], is_punct: list[int], is_space: list[int]) -> list[int]:
        """Per token of a non-empty doc: 1 starts a sentence, -1 does not, 0 leaves it to a
        trained parser or senter (``paragraphs_only``)."""
        n = len(orth)
        starts = [0 if self.paragraphs_only else -1] * n
        starts[0] = 1
        punct, strings, seen = self.punct, self.strings, False
        for i in range(n):
            if is_space[i] and i + 1 < n and "\n" in strings[orth[i]]:
                starts[i + 1] = 1
            if self.paragraphs_only:
                continue
            in_punct = orth[i] in punct
            if seen and not is_punct[i] and not in_punct:
                starts[i] = 1
                seen = False
            elif in_punct:
                seen = True
        return starts


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(SENTENCE_COMPONENT):
        return

    @Language.factory(SENTENCE_COMPONENT)
    def sentences(nlp, name):  # type: ignore[no-untyped-def]
        return _Sentences(nlp.vocab)

    @Language.factory(PARAGRAPH_COMPONENT)
    def paragraphs(nlp, name):  # type: ignore[no-untyped-def]
        """A blank line ends a sentence; runs before a trained parser or senter."""
        return _Sentences(nlp.vocab, paragraphs_only=True)


def build_nlp(model: str | None = None):  # type: ignore[no-untyped-def]
    """``spacy.blank('en')`` (or an installed trained pipeline) + paragraph and sentence splitting."""
    import spacy

    _register_components()
    nlp = spacy.load(model, exclude=["ner", "lemmatizer", "textcat"]) if model else spacy.blank("en")
    if nlp.has_pipe("parser") or nlp.has_pipe("senter"):
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    else:
        nlp.add_pipe(SENTENCE_COMPONENT)
    return nlp
