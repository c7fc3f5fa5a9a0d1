"""A compact token-pattern language for rules, compiled to spaCy ``Matcher`` patterns.

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
``#punct``      punctuation
``^word``       prefix: the token must start a sentence (``^@health``, ``^pregnant|expecting``)
``?`` ``,`` …   a token made only of punctuation is matched literally
==============  ===========================================================

Any token but a literal punctuation one may end in a quantifier: ``?`` (optional),
``*`` (zero or more), ``+`` (one or more) or ``{n,m}``. Contractions are split the way
spaCy's tokenizer splits them, so ``you've|you`` and ``can't`` just work. A pattern with
groups expands to several spaCy patterns. Raw spaCy patterns (a list of dicts) are
accepted as well.

spaCy's blank English pipeline has no lemmatizer, so ``~word`` expands to a generated
list of inflections when rules compile. Over-generation ("visitted") is harmless: such
words never occur, and compiling a set is far cheaper than loading lemma tables.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

_QUANT = re.compile(r"^(?P<atom>.*?)(?P<q>\{\d*,\d*\}|\{\d+\}|[?*+])?$")
_PUNCT_ONLY = re.compile(r"^[^\w\s~@#!*]+$|^[?!.,:;]+$")
_TIME_REGEX = r"^\d{1,2}([:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.|h)$|^\d{1,2}:\d{2}$"

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
    elif atom == "#punct":
        spec = {"IS_PUNCT": True}
    elif atom.startswith("#"):
        raise PatternError(f"unknown token class {atom!r} (known: #num #time #title #punct)")
    elif atom.startswith("!"):
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


def _lex(pattern: str) -> list[tuple[list[list[str]], bool]]:
    """Split a pattern into slots; each slot is (alternatives as token lists, optional)."""
    slots: list[tuple[list[list[str]], bool]] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern[i].isspace():
            i += 1
            continue
        if pattern[i] == "(" and pattern.find(")", i) > 0:
            close = pattern.index(")", i)
            inner = pattern[i + 1 : close]
            i = close + 1
            optional = i < n and pattern[i] == "?"
            i += optional
            if "(" in inner:
                raise PatternError("groups cannot be nested")
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
            # (#num)? over a single token is just an optional token
            merged = "|".join(a[0] for a in alts)
            seqs = [[*s, merged + "?"] for s in seqs]
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


def _compile(pattern: str | list, lexicons: set[str] | frozenset[str]) -> list[list[dict[str, Any]]]:
    if isinstance(pattern, list):
        if not pattern or not all(isinstance(t, dict) for t in pattern):
            raise PatternError("a raw pattern must be a non-empty list of token dicts")
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
        tokens = [_token(raw, lexicons) for raw in seq]
        if not tokens or all(t.get("OP") in ("?", "*") or (t.get("OP") or "").startswith("{0") for t in tokens):
            raise PatternError("every token is optional, so the pattern would match nothing useful")
        out.append(tokens)
    return out


# Words frequent in marketing copy: poor triggers even though they are not function words.
COMMON = STOPWORDS | frozenset(
    """about after again also back because before best both buy day days each even every first free
    get go good great help here home just know last latest let like little look love made make many
    more most much need new next now off offer offers one online only order orders other out over own
    past people pick place please recent right save says see shop since some soon still store take
    team tell than thanks thank thing things think thinking time times today top try two up us use
    want way week weeks well what which while why work year years yet""".split()
)


def word_rank(values: list[str] | set[str]) -> tuple[int, int, int]:
    """How poor a set of words is as a trigger: function words are worse than merely common
    words, which are worse than the rest; then more alternatives are worse."""
    stop = common = 0
    for v in values:
        if v in COMMON:
            common += 1
            stop += v in STOPWORDS
    return stop, common, len(values)


def triggers(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> tuple[set[str], set[str]]:
    """Words and lexicons one of which must occur for the pattern to match.

    Used to pick the sentences worth running token patterns on: of the pattern's mandatory
    tokens, the one least likely to occur (see ``anchor``). Returns two empty sets when
    nothing mandatory is literal.
    """
    best = anchor(pattern, lexicon_ranks)
    if best is None:
        return set(), set()
    _, words, lexicon = best
    return set(words), {lexicon} if lexicon else set()


def trigger_group(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> str | None:
    """The phrase key whose occurrence makes the pattern worth running: ``L:<lexicon>``,
    ``T:<JSON list of words>`` (``trigger_words`` reads it back: a raw pattern's word may
    hold any character, "|" included), or None if nothing mandatory is literal."""
    words, lexes = triggers(pattern, lexicon_ranks)
    if lexes:
        return f"L:{next(iter(lexes))}"
    return "T:" + json.dumps(sorted(words), ensure_ascii=False) if words else None


def trigger_words(group: str) -> list[str]:
    """The words of a ``T:`` trigger group key."""
    return json.loads(group[2:])


def lexicon_ranks(lexicons: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """A lexicon is as poor a trigger as its commonest single-word terms ("store", "sixty")."""
    return {
        name: max((word_rank([t]) for t in lex.terms if " " not in t), default=(0, 0, 0))
        for name, lex in lexicons.items()
    }


def ranked(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> list[tuple[int, list[str], str | None]]:
    """``requirements``, the one least likely to occur first.

    Rank by ``word_rank``; a lexicon ranks by its own terms, via ``lexicon_ranks``, and by
    default beats any word. Equally ranked tokens keep their order."""
    ranks = lexicon_ranks or {}
    return sorted(
        requirements(pattern), key=lambda req: ranks.get(req[2], (-1, 0, 0)) if req[2] else word_rank(req[1])
    )


def anchor(
    pattern: list[dict[str, Any]], lexicon_ranks: dict[str, tuple[int, int, int]] | None = None
) -> tuple[int, list[str], str | None] | None:
    """The mandatory token least likely to occur (the first of ``ranked``), or None."""
    reqs = ranked(pattern, lexicon_ranks)
    return reqs[0] if reqs else None


def mandatory(spec: dict[str, Any]) -> bool:
    """Must the token spec match at least one token?"""
    op = spec.get("OP", "")
    if op.startswith("{"):
        return op[1:].split(",")[0].strip("}") not in ("", "0")
    return op not in ("?", "*", "!")


def requirements(pattern: list[dict[str, Any]]) -> list[tuple[int, list[str], str | None]]:
    """What a match needs, one entry per mandatory token that names words or a lexicon:
    ``(index, words, None)`` (one of these lower-case words) or ``(index, [], lexicon)`` (a
    term of it). Tokens matched by class (``#num``), regex or ``!`` say nothing and are left out."""
    out: list[tuple[int, list[str], str | None]] = []
    for i, spec in enumerate(pattern):
        if not mandatory(spec):
            continue
        ext = spec.get("_")
        if isinstance(ext, dict) and len(ext) == 1 and next(iter(ext)).startswith("cl_") and True in ext.values():
            out.append((i, [], next(iter(ext))[3:]))
            continue
        lower = spec.get("LOWER")
        values = [lower] if isinstance(lower, str) else lower.get("IN") if isinstance(lower, dict) else None
        if values and isinstance(values, list) and all(isinstance(v, str) for v in values):
            out.append((i, values, None))
    return out


# ---- user-supplied regular expressions (REGEX / FUZZY predicates in raw spaCy patterns) ----

MAX_REGEX_LENGTH = 200
MAX_FUZZY_LENGTH = 100

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
_STARTS = (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)


def check_raw_predicates(pattern: Any) -> None:
    """Reject REGEX values that can take super-linear time on a long token, and overlong
    FUZZY values, anywhere in a raw spaCy pattern (``{"LOWER": {"REGEX": ...}}``,
    ``{"TEXT": {"FUZZY": ...}}``, extension attributes...)."""
    if isinstance(pattern, dict):
        for key, value in pattern.items():
            if key == "REGEX":
                problem = regex_problem(value)
                if problem:
                    raise PatternError(f"unsafe REGEX {value!r}: {problem}")
            elif isinstance(key, str) and key.startswith("FUZZY") and isinstance(value, str):
                if len(value) > MAX_FUZZY_LENGTH:
                    raise PatternError(f"FUZZY value longer than {MAX_FUZZY_LENGTH} characters")
            else:
                check_raw_predicates(value)
    elif isinstance(pattern, list):
        for item in pattern:
            check_raw_predicates(item)


def regex_problem(pattern: Any) -> str | None:
    """Why a user regular expression is unsafe to run on untrusted text, or None.

    spaCy runs a REGEX predicate with ``re.search`` on every token, and a token can be
    50,000 characters long ("aaaa..."). Python's backtracking engine then takes
    exponential time on nested or ambiguous repeats and quadratic time on an unanchored
    or doubled unbounded repeat, so this check is deliberately conservative:

    * at most ``MAX_REGEX_LENGTH`` characters, and it must compile;
    * no repeat of something that itself repeats a variable number of times: ``(a+)+``,
      ``(.*)*``, ``(a{1,9}){2,}``, ``(\\w+\\s?)+``;
    * no repeated alternation whose branches can start with the same character:
      ``(a|aa)*``, ``(\\w|\\d)+``;
    * at most one unbounded repeat (``*``, ``+``, ``{n,}``), and only in a pattern anchored
      at the start (``^`` or ``\\A``): ``\\d+x`` and ``^\\d+\\d+x`` take quadratic time.
      Bounded repeats (``{1,40}``) are always fine.
    """
    if not isinstance(pattern, str):
        return "a REGEX value must be a string"
    if len(pattern) > MAX_REGEX_LENGTH:
        return f"longer than {MAX_REGEX_LENGTH} characters"
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"does not compile: {exc}"
    unbounded: list[int] = []
    problem = _walk_regex(parsed, False, unbounded)
    if problem:
        return problem
    if len(unbounded) > 1:
        return "more than one unbounded repeat (*, +, {n,}) can take quadratic time; bound them, e.g. {1,40}"
    if unbounded and not _anchored(parsed):
        return "an unbounded repeat (*, +, {n,}) in a pattern not anchored with ^ can take quadratic time; " \
               "anchor it or bound the repeat, e.g. {1,40}"
    return None


def _walk_regex(sub: Any, in_repeat: bool, unbounded: list[int]) -> str | None:
    for op, av in sub:
        if op in _REPEATS:
            lo, hi, item = av
            many = hi > 1
            if many and hi == _sre.MAXREPEAT:
                unbounded.append(1)
            if in_repeat and many and (lo != hi or _variable(item)):
                return "a repeat inside a repeat (like (a+)+ or (.*)*) can take exponential time"
            if many and _overlapping_branches(item):
                return "a repeated alternation whose branches overlap (like (a|aa)*) can take exponential time"
            problem = _walk_regex(item, in_repeat or many, unbounded)
        elif op is _sre.SUBPATTERN:
            problem = _walk_regex(av[-1], in_repeat, unbounded)
        elif op is _sre.BRANCH:
            problem = next((p for alt in av[1] if (p := _walk_regex(alt, in_repeat, unbounded))), None)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            problem = _walk_regex(av[1], in_repeat, unbounded)
        elif op is _sre.GROUPREF_EXISTS:
            problem = next((p for alt in av[1:] if alt and (p := _walk_regex(alt, in_repeat, unbounded))), None)
        elif op is _sre.GROUPREF:
            problem = "backreferences are not allowed"
        else:  # ATOMIC_GROUP / POSSESSIVE_REPEAT (3.11+) never backtrack into themselves; literals, sets
            problem = _walk_regex(av, in_repeat, unbounded) if str(op) == "ATOMIC_GROUP" else None
        if problem:
            return problem
    return None


def _variable(item: Any) -> bool:
    lo, hi = item.getwidth()
    return bool(lo != hi)


def _first(sub: Any) -> set[int] | None:
    """Characters a (sub)pattern can start with; None for "any / unknown"."""
    for op, av in sub:
        if op is _sre.LITERAL:
            return {av}
        if op is _sre.SUBPATTERN:
            return _first(av[-1])
        if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
            return {v for _, v in av}
        if op is _sre.IN and all(o in (_sre.LITERAL, _sre.RANGE) for o, _ in av) and len(av) < 8:
            chars: set[int] = set()
            for o, v in av:
                chars.update(range(v[0], v[1] + 1) if o is _sre.RANGE else (v,))
            return chars
        if op is _sre.AT:
            continue
        return None
    return set()


def _overlapping_branches(item: Any) -> bool:
    branches = [av[1] for op, av in item if op is _sre.BRANCH]
    for op, av in item:
        if op is _sre.SUBPATTERN:
            branches += [a[1] for o, a in av[-1] if o is _sre.BRANCH]
    for alts in branches:
        seen: set[int] = set()
        for alt in alts:
            first = _first(alt)
            if first is None or not first or first & seen:
                return True
            seen |= first
    return False


def _anchored(sub: Any) -> bool:
    for op, av in sub:
        if op is _sre.AT:
            return av in _STARTS
        if op is _sre.SUBPATTERN:
            return _anchored(av[-1])
        if op is _sre.BRANCH:
            return all(_anchored(alt) for alt in av[1])
        return False
    return False
