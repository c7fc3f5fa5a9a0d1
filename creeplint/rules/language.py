"""A compact token-pattern language for rules, compiled to spaCy ``Matcher`` patterns.

Size: lexing, expansion, inflection and the validator's trap checks belong to one grammar;
the reference for rule authors is ``docs/rules.md``.

One pattern is a line of space-separated tokens::

    we|i ~notice|~see|spotted (that)? you|your

==============  ===========================================================
``word``        the token, lower-cased
``a|b|c``       any of these words
``~word``       the word and its inflections (notice, notices, noticed, noticing)
``!a|b``        any token except these words
``(a b|c)``     a group: any of these token sequences (``(a b|c)?``: or nothing)
``@lexicon``    one or more tokens of a term from that lexicon
``*``           any single token
``#num``        a number (``5``, ``five``, ``1,240.18``)
``#time``       a clock time (``11:42``, ``3pm``, ``11:42pm``)
``#title``      a Title-cased word (a name, often)
``#name``       a capitalised word as brands write them ("Amazon", "FitPulse"; not ALL CAPS)
``#punct``      punctuation
``^word``       prefix: the token must start a sentence (``^@health``, ``^pregnant|expecting``)
``?`` ``,`` …   a token made only of punctuation is matched literally (``(,)?``: optional)
==============  ===========================================================

A token may end in a quantifier: ``?`` (optional), ``*`` (zero or more), ``+`` (one or
more) or ``{n,m}``; a literal punctuation token takes no ``?`` or ``+``, which are
punctuation too (``,?`` would be one literal token). Contractions are split the way
spaCy's tokenizer splits them, so ``you've|you`` and ``can't`` just work. A pattern with
groups expands to several spaCy patterns. Raw spaCy patterns (a list of dicts) are
accepted as well.

Binding, tightest first: ``~`` (one word), ``|`` (the words of one token), the prefixes
``^`` then ``!`` (the whole word list), the quantifier (the whole token: ``a|b{0,3}`` is up
to three tokens, each a or b), spaces (between tokens), and groups, inside which ``|``
separates token sequences: ``we saw|noticed you`` is we (saw|noticed) you, while
``(we saw|noticed you)`` is "we saw" or "noticed you". ``@lexicon``, ``#class`` and ``*``
are whole tokens: they take ``^`` and a quantifier but no ``|`` (write a group). A group
takes only ``?``, is set off by spaces (punctuation may follow it) and holds no group.

Patterns that would compile to something other than what they look like (``,?``,
``^(a|b)``, ``^a|^b``, ``a b | c d``, ``a?|b``, ``(a|b){0,3}``…) raise ``PatternError``
naming the reading they would have had (``_check_token``, ``_check_after_group``;
docs/rules.md lists them). One is kept for the shipped rulesets' sake: ``^*`` parses as
``^`` with the quantifier ``*`` (zero or more literal "^" tokens), so it does not anchor
anything; ``^*{1}`` is a sentence-start wildcard.

spaCy's blank English pipeline has no lemmatizer, so ``~word`` expands to a generated
list of inflections when rules compile. Over-generation ("visitted") is harmless: such
words never occur, and compiling a set is far cheaper than loading lemma tables.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_QUANT = re.compile(r"^(?P<atom>.*?)(?P<q>\{\d*,\d*\}|\{\d+\}|[?*+])?$")
_PUNCT_ONLY = re.compile(r"^[^\w\s~@#!*]+$|^[?!.,:;]+$")
_TIME_REGEX = r"^\d{1,2}([:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.|h)$|^\d{1,2}:\d{2}$"
# a capitalised name as brands write them: "Amazon", "FitPulse", "GeneCheck" (not ALL CAPS, not "iPhone")
_NAME_REGEX = r"^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$"

# Words too common to pick sentences worth running token patterns on.
STOPWORDS = frozenset(
    """a an the and or but to of in on at for with from by as is are was were be been being am
    i me my we us our you your yours you're 're 've 'll 'd 's it its this that these those there here
    have has had do does did n't not no so if than then just very can could will would should may
    might must he she they them his her their who what when where why how all any some""".split()
)

_IRREGULAR = {
    "see": ["saw", "seen"], "know": ["knew", "known"], "tell": ["told"], "buy": ["bought"],
    "spend": ["spent"], "leave": ["left"], "hear": ["heard"], "get": ["got", "gotten"],
    "find": ["found"], "think": ["thought"], "make": ["made"], "come": ["came"],
    "go": ["went", "gone"], "take": ["took", "taken"], "drive": ["drove", "driven"],
    "give": ["gave", "given"], "show": ["shown"], "catch": ["caught"], "sell": ["sold"],
    "pay": ["paid"], "keep": ["kept"], "lose": ["lost"], "begin": ["began", "begun"],
    "fall": ["fell", "fallen"], "feel": ["felt"], "meet": ["met"], "run": ["ran"],
    "write": ["wrote", "written"], "speak": ["spoke", "spoken"], "send": ["sent"],
    "fly": ["flew", "flown"], "eat": ["ate", "eaten"], "drink": ["drank", "drunk"],
    "wear": ["wore", "worn"], "grow": ["grew", "grown"], "sleep": ["slept"], "say": ["said"],
    "be": ["is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"],
    "have": ["has", "had", "having", "'ve", "'d"], "do": ["does", "did", "done", "doing"],
    "lie": ["lay", "lain", "lying"], "die": ["died", "dying"], "swim": ["swam", "swum"],
    "ring": ["rang", "rung"], "bring": ["brought"], "teach": ["taught"], "seek": ["sought"],
    "stand": ["stood"], "understand": ["understood"], "win": ["won"], "hold": ["held"],
    "build": ["built"], "lend": ["lent"], "bear": ["bore", "born", "borne"], "wake": ["woke", "woken"],
    "child": ["children"], "person": ["people"], "man": ["men"], "woman": ["women"],
}


def inflections(word: str) -> list[str]:
    """The word plus plausible inflected forms (plural/3rd person, past, -ing)."""
    w = word.lower()
    forms = {w, *_IRREGULAR.get(w, [])}
    if " " in w or not w.isalpha():
        return sorted(forms)
    vowels = "aeiou"
    # -s / -es / -ies
    if w.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(w + "es")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in vowels:
        forms.add(w[:-1] + "ies")
    else:
        forms.add(w + "s")
    # -ed / -ing
    if w.endswith("e"):
        forms.update({w + "d", w[:-1] + "ing"})
        if w.endswith("ie"):
            forms.add(w[:-2] + "ying")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in vowels:
        forms.update({w[:-1] + "ied", w + "ing"})
    else:
        forms.update({w + "ed", w + "ing"})
        if len(w) >= 3 and w[-1] not in vowels + "wxy" and w[-2] in vowels and w[-3] not in vowels:
            forms.update({w + w[-1] + "ed", w + w[-1] + "ing"})  # stop -> stopped
    return sorted(forms)


class PatternError(ValueError):
    """A pattern that does not parse; the message says which token."""


def _words(atom: str) -> list[str]:
    out: list[str] = []
    for alt in atom.split("|"):
        if not alt:
            raise PatternError(f"empty alternative in {atom!r}")
        if alt.startswith("~"):
            out.extend(inflections(alt[1:]))
        else:
            out.append(alt.lower())
    return sorted(set(out))


@lru_cache(maxsize=16384)
def _token(raw: str, lexicons: frozenset[str]) -> dict[str, Any]:
    """One token spec. Memoised: a pattern's groups repeat its other tokens in every expansion,
    so compiled patterns share spec dicts, and nothing may modify them."""
    if _PUNCT_ONLY.match(raw):
        return {"ORTH": raw}
    if raw == "*":
        return {}
    m = _QUANT.match(raw)
    assert m is not None
    atom, quant = m.group("atom"), m.group("q")
    if atom.startswith("(") and atom.endswith(")"):
        atom = atom[1:-1]
    sent_start = atom.startswith("^") and len(atom) > 1
    if sent_start:
        atom = atom[1:]
    if not atom:
        raise PatternError(f"nothing to quantify in {raw!r}")
    spec: dict[str, Any]
    if atom == "*":
        spec = {}
    elif atom.startswith("@"):
        name = atom[1:]
        if name not in lexicons:
            raise PatternError(f"unknown lexicon @{name}")
        spec = {"_": {f"cl_{name}": True}}
        quant = quant or "+"
    elif atom == "#num":
        spec = {"LIKE_NUM": True}
    elif atom == "#time":
        spec = {"LOWER": {"REGEX": _TIME_REGEX}}
    elif atom == "#title":
        spec = {"IS_TITLE": True}
    elif atom == "#name":
        spec = {"ORTH": {"REGEX": _NAME_REGEX}}
    elif atom == "#punct":
        spec = {"IS_PUNCT": True}
    elif atom.startswith("#"):
        raise PatternError(f"unknown token class {atom!r} (known: #num #time #title #name #punct)")
    elif atom.startswith("!") and len(atom) > 1:
        spec = {"LOWER": {"NOT_IN": _words(atom[1:])}}
    else:
        words = _words(atom)
        spec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
    if quant:
        spec["OP"] = quant
    if sent_start:
        spec["IS_SENT_START"] = True
    return spec


_CONTRACTION = re.compile(r"^(\w+?)(n't|'ve|'re|'ll|'d|'s|'m)$")
_SPECIAL_NEG = {"can't": ["ca", "n't"], "won't": ["wo", "n't"], "shan't": ["sha", "n't"], "cannot": ["can", "not"]}
MAX_EXPANSION = 256


def _split_word(word: str) -> list[str]:
    """Split a contraction the way spaCy's tokenizer does: you've -> you 've, can't -> ca n't."""
    low = word.lower()
    if low in _SPECIAL_NEG:
        return _SPECIAL_NEG[low]
    m = _CONTRACTION.match(low)
    return [m.group(1), m.group(2)] if m else [word]


# -- traps: patterns that compile but would not mean what they look like ----------------------
# Each check names the reading the pattern would have had. docs/rules.md lists them ("Traps").

_QUANT_NAMES = {"?": "an optional", "*": "zero or more", "+": "one or more"}
_QUANT_AT_END = re.compile(r"\w(?:[?*+]|\{\d+(?:,\d*)?\}|\{,\d+\})$")  # a word ending in a quantifier
_PREFIXED = re.compile(r"^[\^!@#][\w~]")  # ^word !word @lexicon #class


def _quantity(q: str) -> str:
    if q in _QUANT_NAMES:
        return _QUANT_NAMES[q]
    lo, comma, hi = q[1:-1].partition(",")
    if not comma:
        return f"exactly {lo}"
    return f"{lo or 0} to {hi}" if hi else f"{lo} or more"


def _spelled(words: list[str]) -> str:
    return " or ".join(repr(w) for w in words)


def _check_token(raw: str) -> None:
    """Reject a token whose reading differs from its look, saying what it would have read as."""
    if set(raw) == {"|"}:
        raise PatternError(
            f"{raw!r} stands alone between spaces, so it would be matched as a literal {raw!r} token. "
            "Outside a group | joins the words of one token and takes no spaces: 'a b|c d' is "
            "a (b|c) d; to choose between token sequences write a group: (a b|c d)"
        )
    if raw.startswith("|") or raw.endswith("|"):
        side = "before" if raw.startswith("|") else "after"
        raise PatternError(
            f"empty alternative in {raw!r}: a space {side} | ends the token, so {raw!r} is a token of its "
            "own with an empty alternative. Outside a group | joins the words of one token and takes no "
            "spaces (a|b); to choose between token sequences write a group: (a b|c d)"
        )
    m = _QUANT.match(raw)
    assert m is not None
    atom, q = m.group("atom"), m.group("q")
    if _PUNCT_ONLY.match(raw):
        if "|" in raw:
            parts = [w for w in raw.split("|") if w]
            raise PatternError(
                f"{raw!r} would be matched as the literal token {raw!r}, not as {_spelled(parts)}: a token made "
                f"only of punctuation is literal. Write a group: ({'|'.join(parts)})"
            )
        if len(raw) > 1 and raw[-1] in "?+":
            mark, what = raw[:-1], _QUANT_NAMES[raw[-1]]
            raise PatternError(
                f"{raw!r} would be matched as one literal token {raw!r} (spaCy's tokenizer splits such "
                f"punctuation, so it hardly ever occurs), not as {what} {mark!r}: a punctuation token can't "
                f"take a quantifier, since '?' and '+' are punctuation too. For an optional {mark!r} write "
                f"({mark})? (or {mark}{{0,1}}); for one or more, {mark}{{1,}}; for any punctuation, #punct? "
                "or #punct+"
            )
        if raw == "^":
            raise PatternError("'^' alone would be matched as a literal '^' token; ^ is a prefix: ^word, ^@lexicon")
        return
    if ("(" in raw or ")" in raw) and not _PUNCT_ONLY.match(atom):
        spelled = _spelled(atom[1:].split("|"))  # ^(a|b): the words '(a' or 'b)'
        closed = atom.endswith(")")  # the whole group is in this token: ^(a|b)
        fixed = atom[0] + atom[2:-1] + (q or "") if closed else atom[0] + "a|b"
        if atom.startswith("^("):
            raise PatternError(
                f"{raw!r}: ^ cannot prefix a group. This would read as a sentence-start token spelled "
                f"{spelled}, which never matches (spaCy splits off parentheses). "
                f"^ covers every word of a token, so write {fixed}; for token sequences put ^ on each "
                "alternative inside the group: (^a x|^b)"
            )
        if atom.startswith("!("):
            raise PatternError(
                f"{raw!r}: ! cannot negate a group. This would read as any token except "
                f"{spelled}, i.e. almost any token. ! covers every word "
                f"of a token: write {fixed}"
            )
        if atom.startswith("~("):
            raise PatternError(
                f"{raw!r}: ~ cannot inflect a group. This would read as the words "
                f"{spelled}, which never occur. Put ~ on each word: "
                + ("|".join("~" + w for w in atom[2:-1].split("|")) + (q or "") if closed else "~a|~b")
            )
        if atom.startswith("(") and ")" not in atom:
            raise PatternError(f"unclosed group: {raw!r} has no ')' after it, so it would be matched as the word(s) "
                               f"{_spelled(atom.split('|'))}")
        raise PatternError(
            f"{raw!r}: a group is whole tokens and stands apart, with a space before '(' and after ')' "
            f"(or ')?'). This would read as one token spelled {_spelled(atom.split('|'))}"
        )
    body = atom[1:] if atom.startswith("^") and len(atom) > 1 else atom
    if atom.startswith("^^"):
        raise PatternError(f"{raw!r}: ^ is given once; this would read as a sentence-start token spelled {body!r}")
    if body[:1] in ("!", "~") and len(body) > 1 and body[1] in "^!@#*" and body[:2] != "!!":
        first, then = body[0], body[1]
        if first == "!":
            reading = f"any token except the literal word {body[1:].split('|')[0]!r}"
        else:
            reading = f"the literal word {body[1:].split('|')[0]!r}"
        order = " (^ comes first: ^!a)" if then == "^" else ""
        raise PatternError(
            f"{raw!r}: {first} applies to words, not to {then!r}{order}; this would read as {reading}"
        )
    alts = atom.split("|")
    if len(alts) > 1:
        if "*" in alts:
            raise PatternError(
                f"{raw!r}: '*' among the words of a token is a literal '*', not any token, so this would read as "
                f"the words {_spelled(alts)}. For 'one of these words, or any token' write *"
            )
        whole = atom.lstrip("^")
        if whole[:1] in ("@", "#") and len(alts[0].lstrip("^")) > 1:
            kind = "lexicon" if whole[0] == "@" else "token class"
            raise PatternError(
                f"{raw!r} would read as one {kind} named {whole!r}: a lexicon or token class can't be one "
                f"of the words of a token. Write a group: ({'|'.join(alts)})"
            )
        for alt in alts[1:]:
            if not _PREFIXED.match(alt):
                continue
            p = alt[0]
            if p in "^!":
                role = "a sentence-start token" if p == "^" else "any token except"
                fixed = p + "|".join(a.lstrip(p) for a in alts)
                raise PatternError(
                    f"{raw!r}: {p} covers the whole token and only works at its start; {alt!r} would be "
                    f"matched as the literal word {alt!r}. Write {fixed} ({role} any of these words)"
                )
            raise PatternError(
                f"{raw!r}: {alt!r} would be matched as the literal word {alt!r}: a lexicon or token class "
                f"can't be one of the words of a token. Write a group: ({'|'.join(alts)})"
            )
    for alt in alts:
        if _QUANT_AT_END.search(alt):
            inner = _QUANT.match(alt)
            assert inner is not None
            word, wq = inner.group("atom"), inner.group("q")
            rest = [a for a in alts if a != alt]
            fixed = "|".join([*(_QUANT.match(a).group("atom") for a in alts)]) + wq  # type: ignore[union-attr]
            words = _spelled([word, *rest])
            reading = f"one optional token, {words}" if wq == "?" else f"{_quantity(wq)} tokens, each {words}"
            raise PatternError(
                f"{raw!r}: {alt!r} would be matched as the literal word {alt!r}, not as {_quantity(wq)} "
                f"{word!r}: a quantifier ends a token and covers all of its words ({fixed} is {reading}). "
                f"To quantify {word!r} alone, give it a token or a group of its own"
            )
    if q and alts[-1] == "" and len(alts) > 1:
        fix = "for any token write *" if q == "*" else f"to match a literal {q!r} among the words, write a group: " \
            f"({atom}{q})"
        raise PatternError(
            f"empty alternative in {raw!r}: the final {q!r} is read as a quantifier, not as a word; {fix}"
        )


def _check_after_group(group: str, rest: str) -> None:
    """Reject what directly follows a group's ')' (or ')?'), if not a space."""
    if not rest:
        return
    if rest[0] == "|":
        raise PatternError(
            f"{group + rest!r}: | does not join groups (outside a group it joins the words of one token), so this "
            f"would read as {group} followed by the token {rest!r}. Put every sequence in one group: (a b|c d)"
        )
    if rest[0] in "?*+{":
        m = _QUANT.match(rest)
        q = m.group("q") if m and not m.group("atom") else None  # (a|b){0,3}: q is '{0,3}'
        if rest[0] == "*":
            reading = f"followed by a separate wildcard token {rest!r} (any token)"
        elif rest in ("+", "?"):
            reading = f"followed by a literal {rest!r} token"
        else:
            reading = f"followed by a token {rest!r}, which does not parse"
        inner = group.rstrip("?")[1:-1]
        if rest[0] == "?":
            hint = ""
        elif q and " " not in inner.strip():
            hint = f"; over single words write {inner.strip()}{q} (a token's quantifier covers all of its words)"
        else:
            hint = "; repeat the group, or use a wildcard such as *{0,3}"
        raise PatternError(
            f"{group + rest!r}: a group takes only ? (optional), so this would read as {group} {reading}{hint}"
        )
    if rest[0].isalnum():
        raise PatternError(
            f"{group + rest!r}: a group is whole tokens, so this would read as {group} followed by the separate "
            f"token {rest!r}, not as words that end in {rest!r}; put a space after ')' or write the words out"
        )


def _lex(pattern: str) -> list[tuple[list[list[str]], bool]]:
    """Split a pattern into slots; each slot is (alternatives as token lists, optional)."""
    slots: list[tuple[list[list[str]], bool]] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern[i].isspace():
            i += 1
            continue
        if pattern[i] == "(" and pattern.find(")", i) > 0:
            start, close = i, pattern.index(")", i)
            inner = pattern[i + 1 : close]
            i = close + 1
            optional = i < n and pattern[i] == "?"
            i += optional
            if "(" in inner:
                raise PatternError("groups cannot be nested")
            end = i
            while end < n and not pattern[end].isspace():
                end += 1
            _check_after_group(pattern[start:i], pattern[i:end])
            for tok in inner.replace("|", " ").split():
                _check_token(tok)
            alts = [[w for tok in alt.split() for w in _split_word(tok)] for alt in inner.split("|")]
            if any(not a for a in alts):
                raise PatternError(f"empty alternative in ({inner})")
            slots.append((alts, optional))
            continue
        j = i
        while j < n and not pattern[j].isspace():
            j += 1
        raw = pattern[i:j]
        i = j
        _check_token(raw)
        m = _QUANT.match(raw)
        assert m is not None
        atom = m.group("atom")
        if (
            not _PUNCT_ONLY.match(raw)
            and atom[:1] not in ("@", "#", "!", "~", "^")
            and any(len(_split_word(w)) > 1 for w in atom.split("|"))
        ):
            # a contraction among the alternatives: make it a group of token sequences
            if m.group("q") not in (None, "?"):
                raise PatternError(f"only '?' can follow a contraction ({raw!r})")
            slots.append(([_split_word(w) for w in atom.split("|")], m.group("q") == "?"))
        else:
            slots.append(([[raw]], False))
    return slots


_PLAIN_WORD = re.compile(r"^~?(?=[^\s]*\w)[^\s|~@#!*^?+{}()]+$")  # a word or ~word, no class or quantifier


def _factor(alts: list[list[str]]) -> list[str] | None:
    """One token sequence equivalent to the alternatives, when they differ only in one plain
    word at the end or the start: (you|you've|you have) -> you 've|have? ; (we are|you are) ->
    we|you are. Keeps the number of spaCy patterns (and their cost) down. None if impossible."""
    for reverse in (False, True):
        seqs = [a[::-1] for a in alts] if reverse else alts
        common = 0
        while all(len(a) > common for a in seqs) and len({a[common] for a in seqs}) == 1:
            common += 1
        rest = [a[common:] for a in seqs]
        if common == 0 or any(len(r) > 1 for r in rest) or not all(_PLAIN_WORD.match(r[0]) for r in rest if r):
            continue
        words = sorted({r[0] for r in rest if r})
        if not words:
            continue
        odd = "|".join(words) + ("?" if any(not r for r in rest) else "")
        shared = seqs[0][:common]
        return [odd, *shared[::-1]] if reverse else [*shared, odd]
    return None


def expand(pattern: str) -> list[list[str]]:
    """All token sequences a pattern with groups stands for."""
    seqs: list[list[str]] = [[]]
    for alts, optional in _lex(pattern):
        if len(alts) == 1 and len(alts[0]) == 1 and not optional:
            seqs = [s + alts[0] for s in seqs]
            continue
        if len(alts) > 1 and all(len(a) == 1 and _PLAIN_WORD.match(a[0]) for a in alts):
            # (a|b) or (a|b)? over single plain words is just one token: no need to multiply patterns
            merged = "|".join(a[0] for a in alts) + ("?" if optional else "")
            seqs = [[*s, merged] for s in seqs]
            continue
        if optional and len(alts) == 1 and len(alts[0]) == 1 and not _QUANT.match(alts[0][0]).group("q"):
            # (#num)? over a single token is just an optional token; (,)? too, but "?" after
            # punctuation would be part of the literal (",?"), so it is spelled ",{0,1}"
            merged = alts[0][0]
            merged += "{0,1}" if _PUNCT_ONLY.match(merged) else "?"
            seqs = [[*s, merged] for s in seqs]
            continue
        factored = None if optional else _factor(alts)
        if factored is not None:
            seqs = [s + factored for s in seqs]
            continue
        options = alts + ([[]] if optional else [])
        seqs = [s + a for s in seqs for a in options]
        if len(seqs) > MAX_EXPANSION:
            raise PatternError(f"pattern expands to more than {MAX_EXPANSION} alternatives; split it up")
    return seqs


def compile_pattern(pattern: str | list, lexicons: set[str] | frozenset[str]) -> list[list[dict[str, Any]]]:
    """DSL string (or raw spaCy list) -> one or more spaCy Matcher patterns.

    Validating a ruleset and compiling it both need this, so DSL strings are memoised.
    """
    if isinstance(pattern, str):
        return _compile_cached(pattern, frozenset(lexicons))
    return _compile(pattern, lexicons)


@lru_cache(maxsize=8192)
def _compile_cached(pattern: str, lexicons: frozenset[str]) -> list[list[dict[str, Any]]]:
    return _compile(pattern, lexicons)


def _sentence_start_terms(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``^@lexicon`` holds a term that *starts* the sentence: only its first token is the
    sentence start, so a several-word term ("laid off") is split into that token and the rest."""
    out = []
    for spec in tokens:
        if spec.get("IS_SENT_START") and "_" in spec and spec.get("OP") == "+":
            out.append({"_": spec["_"], "IS_SENT_START": True})
            out.append({"_": spec["_"], "OP": "*"})
        else:
            out.append(spec)
    return out


def _compile(pattern: str | list, lexicons: set[str] | frozenset[str]) -> list[list[dict[str, Any]]]:
    if isinstance(pattern, list):
        if not pattern or not all(isinstance(t, dict) for t in pattern):
            raise PatternError("a raw pattern must be a non-empty list of token dicts")
        from .regex_safety import check_raw_predicates  # raw patterns are rare

        check_raw_predicates(pattern)
        from spacy.schemas import validate_token_pattern  # raw patterns are rare: import lazily

        errors = validate_token_pattern(pattern)
        if errors:
            raise PatternError(f"not a valid spaCy token pattern: {errors[0]}")
        return [pattern]
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError("a pattern must be a non-empty string")
    out = []
    for seq in expand(pattern):
        tokens = _sentence_start_terms([_token(raw, lexicons) for raw in seq])
        if not tokens or all(t.get("OP") in ("?", "*") or (t.get("OP") or "").startswith("{0") for t in tokens):
            raise PatternError("every token is optional, so the pattern would match nothing useful")
        out.append(tokens)
    return out



