"""Ruleset files: their schema, validation (with file:line errors) and in-memory form.

Size: every key of a ruleset is validated here, each with its own error message; the
in-memory classes sit beside the validators that build them. The pattern language itself
is ``language``; the rule book is ``book``; see ``docs/rules.md``.

A ruleset is a YAML mapping with these top-level keys (all optional but ``rules``
or ``modifiers``)::

    ruleset: health                # a name; defaults to the file name
    description: ...
    lexicons:                      # named term lists, shared by every loaded ruleset
      health_conditions:
        inflect: true              # add plural/verb forms of each term's first and last word
        terms: [diabetes, pregnant, ...]
    rules: [...]                   # see Rule below
    modifiers: [...]               # context that lowers (or raises) findings, see Modifier

Nothing here imports spaCy; compiling happens in ``engine.plan``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import CHANNELS, SEVERITIES
from ..yamlfile import YamlError, line_of
from .language import PatternError, compile_pattern

SCOPES = ("before", "sentence", "message")  # where a modifier was found, tightest first
WHEN_SCOPES = ("sentence", "message")
DEFAULT_WHEN_SCOPE = "sentence"

_ID = re.compile(r"^[a-z0-9_]+(?:[-/][a-z0-9_]+)*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SIGNAL = re.compile(r"^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?$")
_WORD = re.compile(r"^[a-z0-9'][a-z0-9'-]*$")

RULE_KEYS = {
    "id", "category", "severity", "message", "suggestion", "source",
    "when", "context", "examples", "requires_model", "tags",
}
MODIFIER_KEYS = {
    "id", "description", "patterns", "categories", "scope", "window", "barrier", "examples", "not_in", "sentence_only",
}


@dataclass
class Category:
    """A finding category, declared in data (``rulesets/categories.yaml`` or a ruleset's own
    ``categories:`` block). ``stacks``: counts toward the stacking finding."""

    name: str
    description: str
    stacks: bool
    policy: str
    file: str
    line: int | None


@dataclass
class Lexicon:
    name: str
    terms: list[str]
    inflect: bool
    file: str
    line: int | None
    signal: str = ""  # the signal its terms stand for in a finding's ``signals`` (default: the name)


@dataclass
class Rule:
    """A finding-producing rule. ``patterns`` are DSL strings or raw spaCy lists.

    ``when`` makes a rule depend on other findings: it only fires where a finding of one
    of ``when.categories`` exists in the same ``when.scope`` (sentence or message). That is
    how amplifiers such as over-specific detail are expressed.

    ``context`` lists modifier ids to ignore (``ignore``) for this rule.
    """

    id: str
    category: str
    severity: str
    message: str
    suggestion: str
    patterns: list[Any]
    file: str
    line: int | None
    source: str | None = None
    when: dict[str, Any] | None = None
    ignore_modifiers: list[str] = field(default_factory=list)
    examples_flag: list[str] = field(default_factory=list)
    examples_pass: list[str] = field(default_factory=list)
    requires_model: bool = False
    tags: list[str] = field(default_factory=list)
    kind: str = "patterns"  # the rule kind (``kinds/``) its patterns were expanded from
    options: Any = None  # the kind's own value, for kinds evaluated outside the engine (``journey``)

    @property
    def sentence_scoped(self) -> bool:
        """A dependent rule that needs its base finding in its own sentence."""
        return bool(self.when) and self.when["scope"] == "sentence"

    @property
    def short(self) -> str:
        return self.message.split(". ")[0].rstrip(".")


@dataclass
class Modifier:
    """Context that changes the weight of findings it applies to.

    ``scope`` maps where the modifier was found relative to the finding — ``before`` (same
    sentence, ending before the finding, within ``window`` tokens), ``sentence`` or
    ``message`` — to a weight factor; the tightest scope that applies wins.

    ``barrier`` lists tokens (lower-cased words or punctuation) that close the ``before``
    window: a modifier separated from the finding by one of them ("No pressure, but we
    saw…") counts as being elsewhere in the sentence instead.

    ``not_in`` lists channels where the modifier excuses nothing: in ads a question about a
    personal attribute is what ad platforms reject, so "asking, not telling" is no defence there.

    ``sentence_only`` lists categories the modifier excuses only in its own sentence: an alert
    the reader set up explains the tracking in the message, not an arrest record quoted
    three paragraphs later.
    """

    id: str
    description: str
    patterns: list[Any]
    categories: list[str]
    scope: dict[str, float]
    window: int
    file: str
    line: int | None
    examples_flag: list[str] = field(default_factory=list)
    examples_pass: list[str] = field(default_factory=list)
    barrier: frozenset[str] = frozenset()
    not_in: frozenset[str] = frozenset()  # channels where this context excuses nothing
    sentence_only: frozenset[str] = frozenset()  # categories its message scope leaves alone

    def applies_to(self, category: str) -> bool:
        return "*" in self.categories or category in self.categories


@dataclass
class Ruleset:
    name: str
    file: str
    description: str = ""
    lexicons: list[Lexicon] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    modifiers: list[Modifier] = field(default_factory=list)


def _err(file: str, obj: Any, key: Any, message: str) -> YamlError:
    return YamlError(file, line_of(obj, key), message)


def _str(file: str, obj: dict, key: str, required: bool = True) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise _err(file, obj, None, f"missing required key {key!r}")
        return None
    if not isinstance(value, str) or not value.strip():
        raise _err(file, obj, key, f"{key!r} must be a non-empty string")
    return " ".join(value.split())


def _list_of_str(file: str, obj: dict, key: str) -> list[str]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(file, obj, key, f"{key!r} must be a list of strings")
    return list(value)


def _examples(file: str, obj: dict, required: bool) -> tuple[list[str], list[str]]:
    ex = obj.get("examples")
    if ex is None:
        if required:
            raise _err(file, obj, None, "missing 'examples' (need at least one 'flag' and one 'pass')")
        return [], []
    if not isinstance(ex, dict) or set(ex) - {"flag", "pass"}:
        raise _err(file, obj, "examples", "'examples' must be a mapping with 'flag' and 'pass' lists")
    flag, pas = _list_of_str(file, ex, "flag"), _list_of_str(file, ex, "pass")
    if required and (not flag or not pas):
        raise _err(file, obj, "examples", "a rule needs at least one 'flag' and one 'pass' example")
    return flag, pas


def _patterns(
    file: str, obj: dict, lexicons: set[str], kinds: tuple[str, ...] = ("patterns",)
) -> tuple[str, list[Any]]:
    """(kind, patterns): the one kind key of ``obj`` (see ``kinds/``), expanded to rule-language
    patterns and validated."""
    from .kinds import registry

    present = [k for k in kinds if k in obj]
    if len(present) != 1:
        names = " or ".join(repr(k) for k in kinds)
        raise _err(file, obj, present[1] if present[1:] else None, f"needs exactly one of {names}")
    kind = present[0]
    try:
        pats = registry()[kind].expand(obj[kind], file, line_of(obj, kind))
    except PatternError as exc:
        raise _err(file, obj, kind, str(exc)) from None
    for i, p in enumerate(pats):
        try:
            compile_pattern(p, lexicons)
        except PatternError as exc:
            where = line_of(obj[kind], i) if kind == "patterns" else line_of(obj, kind)
            raise YamlError(file, where, f"bad pattern: {exc}") from None
    return kind, list(pats)


def _unknown(file: str, obj: dict, allowed: set[str], what: str) -> None:
    for key in obj:
        if key not in allowed:
            raise _err(file, obj, key, f"unknown {what} key {key!r} (allowed: {', '.join(sorted(allowed))})")


def parse_lexicons(data: Any, file: str) -> list[Lexicon]:
    out = []
    lex = data.get("lexicons") or {}
    if not isinstance(lex, dict):
        raise _err(file, data, "lexicons", "'lexicons' must be a mapping of name to terms")
    for name, spec in lex.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise _err(file, lex, name, f"lexicon name {name!r} must be lower_snake_case")
        inflect, signal = True, name
        if isinstance(spec, dict):
            _unknown(file, spec, {"terms", "inflect", "signal"}, "lexicon")
            inflect = bool(spec.get("inflect", True))
            signal = spec.get("signal", name)
            if not isinstance(signal, str) or not _SIGNAL.match(signal):
                msg = f"lexicon {name!r}: signal must look like 'attribute:health' or 'source'"
                raise _err(file, spec, "signal", msg)
            terms = spec.get("terms")
        else:
            terms = spec
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise _err(file, lex, name, f"lexicon {name!r} needs a non-empty list of terms")
        out.append(Lexicon(name, [t.strip() for t in terms], inflect, file, line_of(lex, name), signal))
    return out


def parse_spellings(data: Any, file: str) -> dict[str, tuple[str, int | None]]:
    """The ``spellings:`` block: word -> the register variants that stand for it (``you: [u, ya]``).

    Returns variant -> (word, line). Matching reads a variant token as its word, so one
    pattern covers texting, missing apostrophes and dropped g's; positions stay the reader's."""
    block = data.get("spellings") or {}
    if not isinstance(block, dict):
        raise _err(file, data, "spellings", "'spellings' must map a word to a list of its variants")
    out: dict[str, tuple[str, int | None]] = {}
    for word, variants in block.items():
        if not isinstance(word, str) or not _WORD.match(word):
            raise _err(file, block, word, f"spelling {word!r} must be one lower-case word")
        if not isinstance(variants, list) or not variants or not all(isinstance(v, str) and _WORD.match(v)
                                                                    for v in variants):
            raise _err(file, block, word, f"spelling {word!r} needs a list of one-word lower-case variants")
        for v in variants:
            if v in out or v == word:
                raise _err(file, block, word, f"variant {v!r} is listed twice")
            out[v] = (word, line_of(block, word))
    return out


def parse_categories(data: Any, file: str) -> list[Category]:
    """The ``categories:`` block of a file: name -> {description, stacks, policy}."""
    block = data.get("categories") or {}
    if not isinstance(block, dict):
        raise _err(file, data, "categories", "'categories' must be a mapping of name to {description, stacks, policy}")
    out = []
    for name, spec in block.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise _err(file, block, name, f"category name {name!r} must be lower_snake_case")
        if not isinstance(spec, dict):
            raise _err(file, block, name, f"category {name!r} must be a mapping with 'description' and 'stacks'")
        _unknown(file, spec, {"description", "stacks", "policy"}, "category")
        if not isinstance(spec.get("stacks"), bool):
            raise _err(file, spec, "stacks" if "stacks" in spec else None,
                       f"category {name!r}: 'stacks' must be true or false")
        description = _str(file, spec, "description") or ""
        out.append(Category(name, description, spec["stacks"], _str(file, spec, "policy", False) or "",
                            file, line_of(block, name)))
    return out


def parse_ruleset(
    data: Any, file: str, lexicons: set[str], default_name: str, categories: set[str]
) -> Ruleset:
    """Validate one ruleset mapping. ``lexicons`` holds every lexicon name loaded."""
    if not isinstance(data, dict):
        raise YamlError(file, 1, "a ruleset must be a YAML mapping")
    _unknown(file, data, {"ruleset", "description", "categories", "spellings", "lexicons", "rules", "modifiers"},
             "ruleset")
    rs = Ruleset(
        name=_str(file, data, "ruleset", required=False) or default_name,
        file=file,
        description=_str(file, data, "description", required=False) or "",
    )
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        raise _err(file, data, "rules", "'rules' must be a list")
    for i, r in enumerate(rules):
        if not isinstance(r, dict):
            raise YamlError(file, line_of(rules, i), "each rule must be a mapping")
        rs.rules.append(_parse_rule(r, file, lexicons, categories))
    mods = data.get("modifiers") or []
    if not isinstance(mods, list):
        raise _err(file, data, "modifiers", "'modifiers' must be a list")
    for i, m in enumerate(mods):
        if not isinstance(m, dict):
            raise YamlError(file, line_of(mods, i), "each modifier must be a mapping")
        rs.modifiers.append(_parse_modifier(m, file, lexicons, categories))
    return rs


def _parse_rule(r: dict, file: str, lexicons: set[str], categories: set[str]) -> Rule:
    from .kinds import registry

    kinds = tuple(registry())
    _unknown(file, r, RULE_KEYS | set(kinds), "rule")
    rid = _str(file, r, "id")
    assert rid is not None
    if not _ID.match(rid):
        raise _err(file, r, "id", f"rule id {rid!r} must look like 'category/short-name'")
    category = _str(file, r, "category")
    if category not in categories:
        raise _err(file, r, "category", f"unknown category {category!r} (known: {', '.join(sorted(categories))}; "
                                        "a ruleset may declare more under 'categories:')")
    severity = _str(file, r, "severity")
    if severity not in SEVERITIES:
        raise _err(file, r, "severity", f"severity must be one of {', '.join(SEVERITIES)}")
    when = r.get("when")
    if when is not None:
        if not isinstance(when, dict) or set(when) - {"categories", "scope"}:
            raise _err(file, r, "when", "'when' takes 'categories' (list) and 'scope' (sentence|message)")
        cats = _list_of_str(file, when, "categories")
        bad = [c for c in cats if c not in categories]
        if not cats or bad:
            raise _err(file, r, "when", f"'when.categories' must list known categories, got {bad or cats}")
        if when.get("scope", DEFAULT_WHEN_SCOPE) not in WHEN_SCOPES:
            raise _err(file, r, "when", "'when.scope' must be sentence or message")
        when = {"categories": cats, "scope": when.get("scope", DEFAULT_WHEN_SCOPE)}
    kind, patterns = _patterns(file, r, lexicons, kinds)
    ctx = r.get("context") or {}
    if not isinstance(ctx, dict) or set(ctx) - {"ignore"}:
        raise _err(file, r, "context", "'context' takes 'ignore': [modifier ids]")
    flag, pas = _examples(file, r, required=True)
    return Rule(
        id=rid,
        category=category,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        message=_str(file, r, "message") or "",
        suggestion=_str(file, r, "suggestion") or "",
        source=_str(file, r, "source", required=False),
        kind=kind,
        options=r[kind] if getattr(registry()[kind], "KEEPS_OPTIONS", False) else None,
        patterns=patterns,
        file=file,
        line=line_of(r),
        when=when,
        ignore_modifiers=_list_of_str(file, ctx, "ignore") if ctx else [],
        examples_flag=flag,
        examples_pass=pas,
        requires_model=bool(r.get("requires_model", False)),
        tags=_list_of_str(file, r, "tags"),
    )


def _parse_modifier(m: dict, file: str, lexicons: set[str], categories: set[str]) -> Modifier:
    _unknown(file, m, MODIFIER_KEYS, "modifier")
    mid = _str(file, m, "id")
    assert mid is not None
    if not _ID.match(mid):
        raise _err(file, m, "id", f"modifier id {mid!r} must be lower-case words joined by - or /")
    cats = _list_of_str(file, m, "categories")
    bad = [c for c in cats if c != "*" and c not in categories]
    if not cats or bad:
        raise _err(file, m, "categories", f"'categories' must list known categories or '*', got {bad or cats}")
    scope = m.get("scope")
    if (
        not isinstance(scope, dict)
        or not scope
        or set(scope) - set(SCOPES)
        or not all(isinstance(v, (int, float)) and 0 <= v <= 3 for v in scope.values())
    ):
        raise _err(file, m, "scope", "'scope' maps before/sentence/message to a factor between 0 and 3")
    window = m.get("window", 6)
    if not isinstance(window, int) or window < 1:
        raise _err(file, m, "window", "'window' must be a positive whole number of tokens")
    barrier = _list_of_str(file, m, "barrier")
    not_in = _list_of_str(file, m, "not_in")
    if set(not_in) - set(CHANNELS):
        raise _err(file, m, "not_in", f"'not_in' lists channels ({', '.join(CHANNELS)}), got {not_in}")
    sentence_only = _list_of_str(file, m, "sentence_only")
    bad = [c for c in sentence_only if c not in categories]
    if bad:
        raise _err(file, m, "sentence_only", f"'sentence_only' must list known categories, got {bad}")
    flag, pas = _examples(file, m, required=False)
    return Modifier(
        id=mid,
        description=_str(file, m, "description", required=False) or "",
        patterns=_patterns(file, m, lexicons)[1],
        categories=cats,
        scope={k: float(v) for k, v in scope.items()},
        window=window,
        file=file,
        line=line_of(m),
        examples_flag=flag,
        examples_pass=pas,
        barrier=frozenset(b.lower() for b in barrier),
        not_in=frozenset(not_in),
        sentence_only=frozenset(sentence_only),
    )
