"""Compile a RuleBook into one spaCy pipeline plus matchers.

* one ``PhraseIndex`` (lower-case hashes) holds every lexicon term (key ``L:<name>``) and every
  trigger word set (key ``T:<words>``): cheap, and it decides which patterns run where;
* rule token patterns (``R:<id>``) are grouped by the trigger each needs; a sentence runs only
  the groups whose trigger it contains, and only if it also has the other words one of the
  group's patterns needs; patterns run from the trigger's tokens (``match.py``);
* context modifiers (``M:<id>``) are grouped the same way and run only in messages where a
  rule matched, so common context words ("not", "if", "you") never make sentences hot.

Building this is measured at tens of milliseconds, below unpickling it, so only the validated
RuleBook (``cache.py``) is cached on disk, not the result of this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..rules.language import inflections
from ..rules.loader import RuleBook
from ..rules.schema import Modifier, Rule
from ..rules.triggers import WORDS, lexicon_key, lexicon_ranks, modifier_key, ranked, rule_key, trigger_words
from . import match
from .match import PatternSet, PhraseIndex
from .pipeline import SENTENCE_COMPONENT, _Sentences, build_nlp

_PLAIN_TERM = re.compile(r"^[a-z]+(?: [a-z]+)*$")
# Words a finding's signals name ``reader`` (after register spellings: "u" reads as "you").
READER_WORDS = ("you", "your", "yours", "yourself", "yourselves", "y'all", "ya", "yer")


@dataclass
class Compiled:
    nlp: Any
    phrases: PhraseIndex
    lexicon_keys: dict[int, str]  # phrase key hash -> extension attribute name
    signals: dict[int, str] = field(default_factory=dict)  # phrase key hash -> signal its terms stand for
    reader_words: frozenset[int] = frozenset()  # lower-case hashes a finding's signals call ``reader``
    # lower-case hash of a register variant -> its word's ("u" -> "you"), read before matching
    respell: dict[int, int] = field(default_factory=dict)
    # phrase key hash -> the rule patterns that key's words/terms trigger
    groups: dict[int, Group] = field(default_factory=dict)
    always: Group | None = None  # patterns with no trigger: run on every sentence
    dependent: Group | None = None  # sentence-scoped `when` rules: run on hot sentences only
    modifier_groups: dict[int, Group] = field(default_factory=dict)  # like groups, for context modifiers
    modifier_always: Group | None = None
    rules: dict[int, Rule] = field(default_factory=dict)  # Matcher key hash -> rule
    modifiers: dict[int, Modifier] = field(default_factory=dict)
    # raw spaCy patterns may read lexicon terms as token extensions (``token._.cl_<name>``) or
    # sentence starts: with them, docs are annotated in full
    raw: bool = False
    # without them, on a blank pipeline, sentences are split from the token columns directly
    splitter: _Sentences | None = None
    learned: list[Any] = field(default_factory=list)  # learned.Scorer of each learned rule
    learned_names: dict[int, tuple[str, str]] = field(default_factory=dict)  # lexicon key -> its features


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

    def add(self, key: str, patterns: list[tuple[list, str | None]]) -> None:
        """Add a rule's or modifier's token patterns, each with its ``triggers.trigger_group``."""
        for pat, group in patterns:
            if group is None:
                self.always.append((key, pat))
                continue
            if group.startswith(WORDS):
                self.words[group] = trigger_words(group)
            self.by_trigger.setdefault(group, []).append((key, pat))

    def matchers(self, vocab) -> tuple[dict[int, Group], Group | None]:  # type: ignore[no-untyped-def]
        groups = {
            vocab.strings.add(g): Group(vocab, members, self.lexicon_ranks, g) for g, members in self.by_trigger.items()
        }
        return groups, (Group(vocab, self.always, self.lexicon_ranks) if self.always else None)


class Group:
    """Patterns that share a trigger, with what any of them needs besides it.

    Before its patterns run on a sentence, a group checks that for at least one of them
    every mandatory word or lexicon occurs in the sentence (``possible``): set lookups that
    rule out most triggered sentences. Patterns are compiled the first time a sentence needs
    them (a one-file check touches a handful of the hundreds of groups): into a
    ``match.PatternSet`` when the rule language produced them, else into a spaCy ``Matcher``.
    """

    __slots__ = ("_keys", "_matcher", "_members", "_patterns", "_ranks", "_triggered", "_vocab", "needs")

    def __init__(  # type: ignore[no-untyped-def]
        self, vocab, members: list[tuple[str, list]], ranks: dict[str, tuple[int, int, int]], trigger: str | None = None
    ) -> None:
        self._vocab = vocab
        self._members: list[tuple[str, list]] | None = members
        self._ranks = ranks
        self._triggered = trigger is not None  # its patterns run from the trigger's tokens
        self._patterns: PatternSet | None = None
        self._matcher = None
        self.needs: dict[int, tuple[tuple[frozenset[int], ...], ...]] | None = None
        self._keys: frozenset[int] = frozenset()

    def possible(self, facts: set[int]) -> bool:
        """Could any pattern match in a sentence with these lower-case word and lexicon hashes?"""
        if self._patterns is None:
            self._compile()
        needs = self.needs
        if needs is None:
            return True
        for key in self._keys.intersection(facts):
            for rest in needs[key]:
                if all(not r.isdisjoint(facts) for r in rest):
                    return True
        return False

    def _compile(self) -> None:
        """Index what the patterns need (``possible``) and compile them for matching."""
        strings = self._vocab.strings
        h = strings.add
        # per pattern: its rarest requirement besides the trigger (the key) and the rest, indexed
        # by the key's hashes; no index at all if some pattern needs nothing but the trigger.
        # A pattern's anchor (its rarest requirement, ``triggers.anchor``) is the trigger it is grouped by.
        index: dict[int, set[tuple[frozenset[int], ...]]] | None = {}
        self._patterns = PatternSet()
        fallback = []
        for key, pat in self._members or ():
            reqs = ranked(pat, self._ranks)
            hashed = {
                i: frozenset({h(lexicon_key(lex))}) if lex else frozenset(map(h, words)) for i, words, lex in reqs
            }
            order = [i for i, _, _ in reqs]
            at = order[0] if order else None
            own = hashed[at] if self._triggered and at is not None else None
            rest = list(dict.fromkeys(hashed[i] for i in order if hashed[i] != own))
            if not rest:
                index = None
            elif index is not None:
                for first in rest[0]:
                    index.setdefault(first, set()).add(tuple(rest[1:]))
            steps = match.compile_pattern(pat, strings)
            if steps is None:
                fallback.append((key, pat))
                continue
            self._patterns.add(
                h(key), steps, at, [] if at is None else list(hashed[at]),
                tuple(r for i, r in hashed.items() if i != at),
            )
        if index:
            self.needs = {k: tuple(sorted(v, key=len)) for k, v in index.items()}
        self._keys = frozenset(self.needs or ())
        self._matcher = _matcher(self._vocab, fallback) if fallback else None
        self._members = None

    def __call__(
        self, tokens: match.Tokens, start: int, end: int, anchors: list[int] | None = None,
        facts: set[int] | None = None,
    ) -> list[tuple[int, int, int]]:
        """(key hash, start, end) of the patterns' matches in the sentence of tokens [start, end),
        tried from ``anchors`` (the tokens where the group's trigger was found) or from every token;
        ``facts`` (the sentence's word and lexicon hashes) lets patterns that cannot match be skipped."""
        if self._patterns is None:
            self._compile()
        assert self._patterns is not None
        found = self._patterns(tokens, start, end, anchors, facts)
        if self._matcher is not None:
            doc = tokens.doc
            found += [(span.label, span.start, span.end) for span in self._matcher(doc[start:end], as_spans=True)]
        return found


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
    from spacy.tokens import Token

    nlp = build_nlp(model)
    vocab = nlp.vocab
    h = vocab.strings.add
    phrases = PhraseIndex()
    hyphen = h("-")
    lexicon_keys: dict[int, str] = {}
    signals: dict[int, str] = {}
    learned_names: dict[int, tuple[str, str]] = {}
    for lex in book.lexicons.values():
        attr = f"cl_{lex.name}"
        if not Token.has_extension(attr):
            Token.set_extension(attr, default=False)
        terms: set[str] = set()
        for term in lex.terms:
            terms.update(_term_forms(term, lex.inflect))
        # plain words tokenize as themselves; only terms with punctuation need the tokenizer
        plain = [[h(w) for w in t.split()] for t in sorted(terms) if _PLAIN_TERM.match(t)]
        # copy hyphenates compounds the lexicons spell open ("hair-loss treatments", "a
        # payday-loan"); the tokenizer splits off the hyphen, so a two- or three-word term also
        # matches with a hyphen token between its words
        plain += [[*p[:1], *(w for x in p[1:] for w in (hyphen, x))] for p in plain if 2 <= len(p) <= 3]
        other = nlp.tokenizer.pipe(sorted(t for t in terms if not _PLAIN_TERM.match(t)))
        key = h(lexicon_key(lex.name))
        phrases.add(key, plain + [[tok.lower for tok in doc] for doc in other if len(doc)])
        lexicon_keys[key] = attr
        signals[key] = lex.signal or lex.name
        learned_names[key] = (f"L:{lex.name}", f"S:{signals[key]}")

    respell = {h(v): h(w) for v, w in sorted(book.spellings.items())}
    compiled = Compiled(nlp, phrases, lexicon_keys, signals=signals, respell=respell, learned_names=learned_names)
    compiled.reader_words = frozenset(h(w) for w in READER_WORDS)
    compiled.raw = any(isinstance(p, list) for item in [*book.rules, *book.modifiers] for p in item.patterns)
    if not compiled.raw and nlp.pipe_names == [SENTENCE_COMPONENT]:
        compiled.splitter = nlp.get_pipe(SENTENCE_COMPONENT)
    has_model = bool(model)
    # Patterns are grouped by the trigger they need, so a sentence runs only the patterns whose
    # own trigger word or lexicon term it contains (thousands of patterns, few per sentence).
    # Context modifiers are grouped the same way, and run only in messages where a rule matched.
    # a lexicon is as poor a trigger as its commonest single-word terms ("store", "sixty")
    ranks = lexicon_ranks(book.lexicons)
    rule_groups = _Grouping(ranks)
    mod_groups = _Grouping(ranks)
    dependent: list[tuple[str, list]] = []
    for rule in book.rules:
        if rule.requires_model and not has_model:
            continue
        key = rule_key(rule.id)
        compiled.rules[vocab.strings.add(key)] = rule
        if rule.kind == "learned":
            from .learned import Scorer

            compiled.learned.append(Scorer.load(rule, vocab.strings))
            continue
        patterns = [pat for p in rule.patterns for pat in book.compiled(p)]
        # a rule that needs another finding in its own sentence only matters in sentences
        # that are hot already, so its words and lexicons need not make any hot
        if rule.sentence_scoped:
            dependent += [(key, pat) for pat, _ in patterns]
        else:
            rule_groups.add(key, patterns)
    for mod in book.modifiers:
        key = modifier_key(mod.id)
        compiled.modifiers[vocab.strings.add(key)] = mod
        mod_groups.add(key, [pat for p in mod.patterns for pat in book.compiled(p)])
    for group, words in {**rule_groups.words, **mod_groups.words}.items():
        # trigger words are single tokens already (they come from LOWER specs)
        phrases.add(h(group), [[h(w)] for w in words])
    compiled.groups, compiled.always = rule_groups.matchers(vocab)
    compiled.modifier_groups, compiled.modifier_always = mod_groups.matchers(vocab)
    compiled.dependent = Group(vocab, dependent, ranks) if dependent else None
    return compiled
