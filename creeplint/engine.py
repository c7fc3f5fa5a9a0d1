"""The engine: messages in, findings (with context adjustments and source positions) out.

Per message: normalise the text for NLP (same meaning, mapped back exactly), run the
pipeline, let the PhraseMatcher mark lexicon terms and pick "hot" sentences, run token
patterns on those only, then apply context modifiers and dependent (``when``) rules.
The engine never prints and never reads files.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import Adjustment, Finding, LineIndex, Message, SourceMap
from .rules.compile import Compiled
from .rules.schema import Modifier, Rule

SEVERITY_WEIGHTS = {"info": 0.15, "warning": 0.45, "error": 0.75}
_SCOPE_ORDER = ("before", "sentence", "message")

# Characters rewritten so one token pattern covers every spelling; all are one-for-one
# except zero-width characters, which are dropped (they hide words from matching).
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                              "\u2028": "\n", "\u2029": "\n", "\t": " ", "\u2013": "-", "\u2014": "-"})
_NORMALISE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]+|\s*\n\s*\n\s*|[ \r\n\f\v]{2,}|\r\n?|\n")


def normalise(text: str) -> tuple[str, list[int], list[int]]:
    """Text for the NLP pipeline and a map back to ``text``.

    Paragraph breaks become ``"\\n\\n"``, other whitespace runs one space, and zero-width
    characters disappear. Returns (normalised, norm_starts, orig_starts): breakpoints where
    offsets ``norm_starts[i] + k`` map to ``orig_starts[i] + k``.
    """
    text = text.translate(_SAME_LENGTH)
    out: list[str] = []
    norm_starts, orig_starts = [0], [0]
    pos = 0
    length = 0
    for m in _NORMALISE.finditer(text):
        s, e = m.span()
        chunk = m.group(0)
        if chunk[0] in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            repl = ""
        elif chunk.count("\n") >= 2 or "\n\n" in chunk:
            repl = "\n\n"
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


def _to_orig(offset: int, norm_starts: list[int], orig_starts: list[int]) -> int:
    i = bisect.bisect_right(norm_starts, offset) - 1
    return orig_starts[i] + (offset - norm_starts[i])


@dataclass
class _Hit:
    rule: Rule
    start: int  # token indices
    end: int
    sent: int  # index of the sentence
    weight: float
    adjustments: list[Adjustment]


class Engine:
    def __init__(self, compiled: Compiled, weights: dict[str, float] | None = None) -> None:
        self.c = compiled
        self.weights = weights or SEVERITY_WEIGHTS
        self.independent = {k for k, r in compiled.rules.items() if not r.when}

    def run(self, messages: Iterable[Message], batch_size: int = 256) -> Iterator[tuple[Message, list[Finding]]]:
        """Findings for each message, in input order (streams: memory does not grow with input).

        Only the tokenizer and the PhraseMatcher run on every message; sentence splitting
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
        doc = self._annotate(self.c.nlp.make_doc(normalise(text)[0]))
        found: dict[str, list[str]] = {}
        self._mark_lexicons(doc)
        for span in self.c.modifier_matcher(doc, as_spans=True):
            mod = self.c.modifiers.get(span.label)
            if mod:
                found.setdefault(mod.id, []).append(span.text)
        return found

    def _annotate(self, doc):  # type: ignore[no-untyped-def]
        """Run the pipeline's components (sentence splitting, a trained model's parser) on a doc."""
        for _, component in self.c.nlp.pipeline:
            doc = component(doc)
        return doc

    def _mark_lexicons(self, doc) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
        """Flag lexicon tokens; return (pattern group key, token index) for every trigger hit."""
        hot: list[tuple[int, int]] = []
        groups = self.c.groups
        for key, start, end in self.c.phrases(doc):
            attr = self.c.lexicon_keys.get(key)
            if attr:
                for tok in doc[start:end]:
                    setattr(tok._, attr, True)
            if key in groups:
                hot.append((key, start))
        return hot

    def findings(  # type: ignore[no-untyped-def]
        self, msg: Message, doc, norm_starts: list[int], orig_starts: list[int]
    ) -> list[Finding]:
        c = self.c
        triggered = self._mark_lexicons(doc)
        if not triggered and c.always is None:
            return []
        doc = self._annotate(doc)
        sents = list(doc.sents)
        sent_starts = [s.start for s in sents]
        # (sentence, matcher) pairs: each pattern group runs once per sentence its trigger is in
        runs = {(bisect.bisect_right(sent_starts, t) - 1, key) for key, t in triggered}
        work = [(si, c.groups[key]) for si, key in sorted(runs)]
        if c.always is not None:
            work += [(si, c.always) for si in range(len(sents))]
        if c.dependent is not None:
            work += [(si, c.dependent) for si in sorted({si for si, _ in runs})]
        hits: list[_Hit] = []
        for si, matcher in work:
            for span in matcher(sents[si], as_spans=True):
                rule = c.rules[span.label]
                hits.append(_Hit(rule, span.start, span.end, si, self.weights[rule.severity], []))
        if not hits:
            return []
        mods = [  # context is only worth finding where something was found
            (c.modifiers[span.label], span.start, span.end, bisect.bisect_right(sent_starts, span.start) - 1)
            for span in (c.modifier_matcher(doc, as_spans=True) if c.modifiers else ())
        ]
        hits = _dedupe(hits)
        base = [h for h in hits if not h.rule.when]
        for h in base:
            _apply_modifiers(h, mods, doc)
        base = [h for h in base if h.weight > 0]
        dependent = []
        for h in hits:
            if h.rule.when and _supported(h, base):
                _apply_modifiers(h, mods, doc)
                if h.weight > 0:
                    dependent.append(h)
        return self._to_findings(msg, doc, base + dependent, norm_starts, orig_starts)

    def _to_findings(  # type: ignore[no-untyped-def]
        self, msg: Message, doc, hits: list[_Hit], norm_starts: list[int], orig_starts: list[int]
    ) -> list[Finding]:
        out = []
        for h in hits:
            span = doc[h.start : h.end]
            start = _to_orig(span.start_char, norm_starts, orig_starts)
            end = _to_orig(span.end_char - 1, norm_starts, orig_starts) + 1
            line, col, end_line, end_col = msg.source.span(start, end)
            r = h.rule
            out.append(
                Finding(
                    rule=r.id, category=r.category, severity=r.severity, message=r.message,
                    suggestion=r.suggestion.replace("{match}", msg.text[start:end]),
                    start=start, end=end, text=msg.text[start:end], weight=h.weight,
                    line=line, column=col, end_line=end_line, end_column=end_col,
                    adjustments=h.adjustments,
                )
            )
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        return out


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """Per rule, keep the longest of overlapping matches (first wins on ties)."""
    hits.sort(key=lambda h: (h.rule.id, h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    last: dict[str, int] = {}
    for h in hits:
        if h.start < last.get(h.rule.id, -1):
            continue
        out.append(h)
        last[h.rule.id] = h.end
    return out


def _apply_modifiers(hit: _Hit, mods: list[tuple[Modifier, int, int, int]], doc=None) -> None:  # type: ignore[no-untyped-def]
    best: dict[str, tuple[int, float]] = {}
    for mod, _start, end, si in mods:
        if not mod.applies_to(hit.rule.category) or mod.id in hit.rule.ignore_modifiers:
            continue
        if (
            si == hit.sent
            and end <= hit.start
            and hit.start - end <= mod.window
            and not (mod.barrier and doc is not None and any(t.lower_ in mod.barrier for t in doc[end : hit.start]))
        ):
            scope = "before"
        elif si == hit.sent:
            scope = "sentence"
        else:
            scope = "message"
        # the tightest scope the modifier defines that covers this placement
        for name in _SCOPE_ORDER[_SCOPE_ORDER.index(scope) :]:
            if name in mod.scope:
                rank = _SCOPE_ORDER.index(name)
                if mod.id not in best or rank < best[mod.id][0]:
                    best[mod.id] = (rank, mod.scope[name])
                break
    for mod_id in sorted(best):
        factor = best[mod_id][1]
        hit.weight *= factor
        hit.adjustments.append(Adjustment(mod_id, factor))


def _supported(hit: _Hit, base: list[_Hit]) -> bool:
    when = hit.rule.when or {}
    cats = set(when.get("categories", ()))
    same_sentence = when.get("scope", "sentence") == "sentence"
    return any(b.rule.category in cats and (not same_sentence or b.sent == hit.sent) for b in base)
