"""Compile a RuleBook into one spaCy pipeline plus matchers.

* one ``PhraseMatcher`` (attr LOWER) holds every lexicon term (key ``L:<name>``) and every
  trigger word set (key ``T:<words>``): cheap, and it decides which patterns run where;
* rule token patterns (``R:<id>``) are grouped by the trigger each needs; a sentence runs only
  the groups whose trigger it contains;
* context modifiers (``M:<id>``) are grouped the same way and run only in messages where a
  rule matched, so common context words ("not", "if", "you") never make sentences hot.

Compiling is measured at tens of milliseconds, far below unpickling a cached matcher, so
nothing is cached on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .dsl import compile_pattern, inflections, triggers, word_rank
from .loader import RuleBook
from .schema import Modifier, Rule

PARAGRAPH_COMPONENT = "creeplint_paragraphs"
_PLAIN_TERM = re.compile(r"^[a-z]+(?: [a-z]+)*$")


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraphs(doc):  # type: ignore[no-untyped-def]
        """A blank line (or a line break after a line with no final punctuation) ends a sentence."""
        for i, tok in enumerate(doc[:-1]):
            if tok.is_space and "\n" in tok.text:
                doc[i + 1].is_sent_start = True
        return doc


def build_nlp(model: str | None = None):  # type: ignore[no-untyped-def]
    """``spacy.blank('en')`` (or an installed trained pipeline) + paragraph and sentence splitting."""
    import spacy

    _register_components()
    nlp = spacy.load(model, exclude=["ner", "lemmatizer", "textcat"]) if model else spacy.blank("en")
    nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    return nlp


@dataclass
class Compiled:
    nlp: Any
    phrases: Any  # PhraseMatcher
    lexicon_keys: dict[int, str]  # PhraseMatcher key hash -> extension attribute name
    # PhraseMatcher key hash -> Matcher holding the rule patterns that key's words/terms trigger
    groups: dict[int, Any] = field(default_factory=dict)
    always: Any = None  # Matcher for patterns with no trigger: runs on every sentence
    dependent: Any = None  # Matcher for sentence-scoped `when` rules: runs on hot sentences only
    modifier_groups: dict[int, Any] = field(default_factory=dict)  # like groups, for context modifiers
    modifier_always: Any = None
    rules: dict[int, Rule] = field(default_factory=dict)  # Matcher key hash -> rule
    modifiers: dict[int, Modifier] = field(default_factory=dict)


def _term_forms(term: str, inflect: bool) -> set[str]:
    """A lexicon term and, when inflected, forms of its first and last words
    ("look at" -> "looked at", "credit card" -> "credit cards")."""
    words = term.lower().split()
    if not inflect:
        return {" ".join(words)}
    firsts = inflections(words[0])
    if len(words) == 1:
        return set(firsts)
    lasts = inflections(words[-1])
    middle = words[1:-1]
    return {" ".join([f, *middle, last]) for f in firsts for last in lasts}


class _Grouping:
    """Patterns sorted by the trigger (phrase key) each needs."""

    def __init__(self, lexicon_ranks: dict[str, tuple[int, int, int]]) -> None:
        self.lexicon_ranks = lexicon_ranks
        self.by_trigger: dict[str, list[tuple[str, list]]] = {}
        self.words: dict[str, list[str]] = {}  # phrase key -> trigger words it stands for
        self.always: list[tuple[str, list]] = []

    def add(self, key: str, patterns: list[list]) -> None:
        for pat in patterns:
            words, lexes = triggers(pat, self.lexicon_ranks)
            if lexes:
                group = f"L:{next(iter(lexes))}"
            elif words:
                group = "T:" + "|".join(sorted(words))
                self.words[group] = sorted(words)
            else:
                self.always.append((key, pat))
                continue
            self.by_trigger.setdefault(group, []).append((key, pat))

    def matchers(self, vocab) -> tuple[dict[int, Any], Any]:  # type: ignore[no-untyped-def]
        groups = _LazyMatchers(vocab, {vocab.strings.add(g): members for g, members in self.by_trigger.items()})
        return groups, (_matcher(vocab, self.always) if self.always else None)


class _LazyMatchers(dict):
    """Phrase key -> Matcher, each built the first time a sentence needs it.

    A one-file check touches a handful of the hundreds of groups, and adding thousands of
    patterns to Matchers was the largest part of start-up."""

    def __init__(self, vocab, members: dict[int, list[tuple[str, list]]]) -> None:  # type: ignore[no-untyped-def]
        super().__init__(dict.fromkeys(members))
        self._vocab = vocab
        self._members = members

    def __getitem__(self, key: int) -> Any:
        matcher = dict.__getitem__(self, key)
        if matcher is None:
            matcher = _matcher(self._vocab, self._members.pop(key))
            dict.__setitem__(self, key, matcher)
        return matcher


def _matcher(vocab, members: list[tuple[str, list]]):  # type: ignore[no-untyped-def]
    from spacy.matcher import Matcher

    matcher = Matcher(vocab, validate=False)  # DSL output is well-formed; raw patterns are validated when loaded
    by_key: dict[str, list] = {}
    for key, pat in members:
        by_key.setdefault(key, []).append(pat)
    for key, pats in by_key.items():
        matcher.add(key, pats, greedy="LONGEST")
    return matcher


def compile_book(book: RuleBook, model: str | None = None) -> Compiled:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

    nlp = build_nlp(model)
    vocab = nlp.vocab
    phrases = PhraseMatcher(vocab, attr="LOWER")
    names = set(book.lexicons)
    lexicon_keys: dict[int, str] = {}
    for lex in book.lexicons.values():
        attr = f"cl_{lex.name}"
        if not Token.has_extension(attr):
            Token.set_extension(attr, default=False)
        terms: set[str] = set()
        for term in lex.terms:
            terms.update(_term_forms(term, lex.inflect))
        key = f"L:{lex.name}"
        # plain words tokenize as themselves; only terms with punctuation need the tokenizer
        plain = [Doc(vocab, words=t.split()) for t in sorted(terms) if _PLAIN_TERM.match(t)]
        other = list(nlp.tokenizer.pipe(sorted(t for t in terms if not _PLAIN_TERM.match(t))))
        phrases.add(key, plain + other)
        lexicon_keys[vocab.strings[key]] = attr

    compiled = Compiled(nlp, phrases, lexicon_keys)
    has_model = bool(model)
    # Patterns are grouped by the trigger they need, so a sentence runs only the patterns whose
    # own trigger word or lexicon term it contains (thousands of patterns, few per sentence).
    # Context modifiers are grouped the same way, and run only in messages where a rule matched.
    # a lexicon is as poor a trigger as its commonest single-word terms ("store", "sixty")
    ranks = {
        name: (0, 0, 0) if not (worst := [word_rank([t]) for t in lex.terms if " " not in t]) else max(worst)
        for name, lex in book.lexicons.items()
    }
    rule_groups = _Grouping(ranks)
    mod_groups = _Grouping(ranks)
    dependent: list[tuple[str, list]] = []
    for rule in book.rules:
        if rule.requires_model and not has_model:
            continue
        key = f"R:{rule.id}"
        compiled.rules[vocab.strings.add(key)] = rule
        patterns = [pat for p in rule.patterns for pat in compile_pattern(p, names)]
        # a rule that needs another finding in its own sentence only matters in sentences
        # that are hot already, so its words and lexicons need not make any hot
        if rule.when and rule.when.get("scope", "sentence") == "sentence":
            dependent += [(key, pat) for pat in patterns]
        else:
            rule_groups.add(key, patterns)
    for mod in book.modifiers:
        key = f"M:{mod.id}"
        compiled.modifiers[vocab.strings.add(key)] = mod
        mod_groups.add(key, [pat for p in mod.patterns for pat in compile_pattern(p, names)])
    for words in {**rule_groups.words, **mod_groups.words}.items():
        # trigger words are single tokens already (they come from LOWER specs): skip the tokenizer
        phrases.add(words[0], [Doc(vocab, words=[w]) for w in words[1]])
    compiled.groups, compiled.always = rule_groups.matchers(vocab)
    compiled.modifier_groups, compiled.modifier_always = mod_groups.matchers(vocab)
    compiled.dependent = _matcher(vocab, dependent) if dependent else None
    return compiled
