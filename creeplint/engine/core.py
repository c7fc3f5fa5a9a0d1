"""The engine: messages in, findings (with context adjustments and source positions) out.

Per message: normalise the text for NLP (same meaning, mapped back exactly), tokenize, let
the phrase index find lexicon terms and trigger words; only if a trigger fired, split
sentences and run the triggered token patterns from the trigger tokens, then apply context
modifiers and dependent (``when``) rules.
The engine never prints and never reads files.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.attrs import LOWER

from ..model import Adjustment, Finding, LineIndex, Message, Signal, SourceMap
from ..rules.schema import Rule
from . import learned
from .context import Context, supported
from .facts import Facts
from .normalise import normalise, to_orig
from .plan import Compiled
from .quoting import quote
from .runs import run_groups as _run
from .signals import composed_of


@dataclass
class Hit:
    rule: Rule
    start: int  # token indices
    end: int
    sent: int  # index of the sentence
    adjustments: list[Adjustment]
    category: str = ""  # a learned hit's own category (a rule hit reports its rule's)

    @property
    def kept(self) -> bool:
        """Whether context left the hit any weight (a factor of 0 removes it)."""
        return all(a.factor > 0 for a in self.adjustments)


class Engine:
    def __init__(self, compiled: Compiled) -> None:
        self.c = compiled
        # per-sentence match caches (rules, modifiers); only for the blank pipeline, where
        # every token column a pattern reads comes from the sentence's own text
        self._cache: tuple[dict, dict] | None = ({}, {}) if compiled.splitter is not None else None

    def run(self, messages: Iterable[Message], batch_size: int = 256) -> Iterator[tuple[Message, list[Finding]]]:
        """Findings for each message, in input order (streams: memory does not grow with input).

        Only the tokenizer and the phrase index run on every message; sentence splitting
        (and any trained components) run only on messages where a trigger fired.
        """
        pending: deque[tuple[Message, list[int], list[int]]] = deque()

        def texts() -> Iterator[str]:
            for msg in messages:
                norm, norm_starts, orig_starts = normalise(msg.text)
                pending.append((msg, norm_starts, orig_starts))
                yield norm

        for doc in self.c.nlp.tokenizer.pipe(texts(), batch_size=batch_size):
            msg, norm_starts, orig_starts = pending.popleft()
            yield msg, self.findings(msg, doc, norm_starts, orig_starts)

    def analyse(self, text: str) -> list[Finding]:
        """Findings for a bare string (rule self-tests, ``explain``)."""
        source = SourceMap(LineIndex(text))
        source.add(0, 0, len(text))
        msg = Message(id="-", file="-", text=text, source=source)
        return next(self.run([msg]))[1]

    def modifier_spans(self, text: str) -> dict[str, list[str]]:
        """Modifier id -> matched texts, for modifier self-tests."""
        doc = self.c.nlp.make_doc(normalise(text)[0])
        lower, _, triggered, lexicon_hits = self._mark_lexicons(doc)
        doc = self._annotate(doc)
        found: dict[str, list[str]] = {}
        for mod, start, end, _ in self._modifier_matches(Facts(doc, lexicon_hits, lower=lower), triggered):
            found.setdefault(mod.id, []).append(doc[start:end].text)
        return found

    def _annotate(self, doc):  # type: ignore[no-untyped-def]
        """Run the pipeline's components (sentence splitting, a trained model's parser) on a doc."""
        for _, component in self.c.nlp.pipeline:
            doc = component(doc)
        return doc

    def _mark_lexicons(self, doc):  # type: ignore[no-untyped-def]
        """Return the doc's lower-case hashes, the (group key, token index) of every token of a
        rule or modifier trigger, and the (key, start, end) of every lexicon term found. Flag
        lexicon tokens if raw patterns need it."""
        rules: list[tuple[int, int]] = []
        mods: list[tuple[int, int]] = []
        lexicon_hits: list[tuple[int, int, int]] = []
        groups, mod_groups, lexicon_keys = self.c.groups, self.c.modifier_groups, self.c.lexicon_keys
        lower = doc.to_array(LOWER).tolist()
        respell = self.c.respell
        # register variants read as their words; tokens (and so positions) stay. The test runs
        # in C and most copy has no variant, so only such copy pays for the rewrite.
        if respell and not respell.keys().isdisjoint(lower):
            lower = [respell.get(x, x) for x in lower]
        for key, start, end in self.c.phrases(lower):
            attr = lexicon_keys.get(key)
            if attr:
                lexicon_hits.append((key, start, end))
                if self.c.raw:  # raw spaCy patterns may read token._.cl_<lexicon>
                    for tok in doc[start:end]:
                        setattr(tok._, attr, True)
            if key in groups:
                rules += [(key, i) for i in range(start, end)]
            if key in mod_groups:
                mods += [(key, i) for i in range(start, end)]
        return lower, rules, mods, lexicon_hits

    def _modifier_matches(self, facts: Facts, triggered):  # type: ignore[no-untyped-def]
        """(modifier, start, end, sentence) for the modifier groups whose triggers occur."""
        c = self.c
        found = _run(triggered, c.modifier_groups, c.modifier_always, facts, self._cache and self._cache[1])
        return [(c.modifiers[key], start, end, si) for key, start, end, si in found]

    def findings(  # type: ignore[no-untyped-def]
        self, msg: Message, doc, norm_starts: list[int], orig_starts: list[int]
    ) -> list[Finding]:
        staged = self._stage(msg, doc)
        if staged is None:
            return []
        kept = [h for h in staged.hits if h.kept]
        if self.c.learned:
            kept += [h for h in self._learned(msg, staged, kept) if h.kept]
        return self._to_findings(msg, kept, norm_starts, orig_starts, staged.facts) if kept else []

    def _stage(self, msg: Message, doc) -> _Staged | None:  # type: ignore[no-untyped-def]
        """The doc's rule hits with their context adjustments, or None when nothing can be
        found in it."""
        c = self.c
        lower, triggered, mod_triggered, lexicon_hits = self._mark_lexicons(doc)
        scored = bool(c.learned and lexicon_hits)  # a learned rule reads any sentence with a lexicon term
        if c.always is None:
            # what a sentence has, the whole message has: most clean copy stops here
            whole = set(lower)
            whole.update(key for key, _, _ in lexicon_hits)
            if not any(c.groups[key].possible(whole) for key in {key for key, _ in triggered}):
                if not scored:
                    return None
                triggered = []
        if c.splitter is None:
            doc = self._annotate(doc)
        facts = Facts(doc, lexicon_hits, c.splitter, lower)
        rules = c.rules
        found = _run(triggered, c.groups, c.always, facts, self._cache and self._cache[0], c.dependent)
        hits = [Hit(rules[key], start, end, si, []) for key, start, end, si in found]
        if not hits and not scored:
            return None
        # context is only worth finding where something was found
        modifiers = self._modifier_matches(facts, mod_triggered)
        context = Context(modifiers, doc, msg.channel)
        hits = _dedupe(hits)
        base = [h for h in hits if not h.rule.when]
        for h in base:
            context.apply(h)
        found_in = {(b.rule.category, where) for b in base if b.kept for where in (b.sent, None)}
        dependent = []
        for h in hits:
            if h.rule.when and supported(h, found_in):
                context.apply(h)
                dependent.append(h)
        return _Staged(facts, base + dependent, modifiers, context)

    def _learned(self, msg: Message, staged: _Staged, kept: list[Hit], threshold: float | None = None) -> list[Hit]:
        """Hits of the learned rules, with their context adjustments: sentences whose signals
        score at or above the threshold (the scorer's, unless given) and that no kept rule hit
        covers already (``Scorer.covers``). Context weighs them like any hit: the
        model reads modifiers too, but a consent or a hypothetical in the sentence still
        excuses what it excuses."""
        facts, applied = staged.facts, staged.hits
        out = []
        for scorer in self.c.learned:
            covered = {h.sent for h in kept if scorer.covers(h.rule)} | {h.sent for h in out}
            least = scorer.threshold if threshold is None else threshold
            for si, evidence in learned.sentences(scorer, staged, msg.channel, self.c.learned_names).items():
                if si in covered or scorer.probability(evidence) < least:
                    continue
                here = [h for h in applied if h.sent == si]
                s, e = facts.sents[si]
                spans = [(a, b) for a, b, _ in facts.terms_between(s, e)] + [(h.start, h.end) for h in here]
                spans += [(i, i + 1) for i in range(s, e) if facts.tokens.lower[i] in self.c.reader_words]
                spans = spans or [(s, e)]
                cat = learned.category(evidence[0], sorted({h.rule.category for h in here}))
                hit = Hit(scorer.rule, min(a for a, _ in spans), max(b for _, b in spans), si, [], cat)
                staged.context.apply(hit)
                out.append(hit)
        return out

    def sentence_features(self, msg: Message) -> list[tuple[list[str], int, int, float]]:
        """(features, start, end, context factor) of each sentence the first learned rule
        scores: its character span in ``msg.text`` and the product of the context factors a
        learned hit there would get (0 where a rule's warning covers it), for training the
        scorer on labelled evidence."""
        norm, norm_starts, orig_starts = normalise(msg.text)
        staged = self._stage(msg, self.c.nlp.make_doc(norm))
        if staged is None or not self.c.learned:
            return []
        kept = [h for h in staged.hits if h.kept]
        factors = {h.sent: math.prod(a.factor for a in h.adjustments) for h in self._learned(msg, staged, kept, 0.0)}
        out = []
        for si, evidence in learned.sentences(self.c.learned[0], staged, msg.channel, self.c.learned_names).items():
            first, last = staged.facts.chars(*staged.facts.sents[si])
            start, end = to_orig(first, norm_starts, orig_starts), to_orig(last - 1, norm_starts, orig_starts) + 1
            out.append((learned.expand(evidence), start, end, factors.get(si, 0.0)))
        return out

    def _to_findings(
        self, msg: Message, hits: list[Hit], norm_starts: list[int], orig_starts: list[int], facts: Facts
    ) -> list[Finding]:
        out = []
        for h in hits:
            signals = []
            for s, e, name in composed_of(self.c, h.start, h.end, h.sent, facts):
                first, last = facts.chars(s, e)
                begin = to_orig(first, norm_starts, orig_starts)
                stop = to_orig(last - 1, norm_starts, orig_starts) + 1
                signals.append(Signal(name, msg.text[begin:stop]))
            first, last = facts.chars(h.start, h.end)
            start = to_orig(first, norm_starts, orig_starts)
            end = to_orig(last - 1, norm_starts, orig_starts) + 1
            line, col, end_line, end_col = msg.source.span(start, end)
            r = h.rule
            out.append(
                Finding(
                    rule=r.id, category=h.category or r.category, severity=r.severity, message=r.message,
                    suggestion=(
                        r.suggestion.replace("{match}", quote(msg.text, start, end))
                        if "{match}" in r.suggestion else r.suggestion
                    ),
                    start=start, end=end, text=msg.text[start:end],
                    line=line, column=col, end_line=end_line, end_column=end_col,
                    adjustments=h.adjustments, signals=signals,
                )
            )
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        return out


@dataclass
class _Staged:
    """One message after rules and context: what the learned rules read."""

    facts: Facts
    hits: list[Hit]  # rule hits with their context adjustments (kept or not)
    modifiers: list  # (modifier, start, end, sentence) matches
    context: Context


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Per rule, keep the longest of overlapping matches (first wins on ties)."""
    hits.sort(key=lambda h: (h.rule.id, h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last: dict[str, int] = {}
    for h in hits:
        if h.start < last.get(h.rule.id, -1):
            continue
        out.append(h)
        last[h.rule.id] = h.end
    return out


