"""Find, read and validate rulesets: the shipped ones and users' own files."""

from __future__ import annotations

from functools import cache as memoise
from importlib import resources
from pathlib import Path

from ..yamlfile import YamlError
from ..yamlfile import load as load_yaml
from . import cache
from .book import RuleBook
from .language import compile_pattern
from .schema import Category, Modifier, Rule, parse_categories, parse_lexicons, parse_ruleset, parse_spellings
from .triggers import lexicon_ranks, trigger_group

# Shipped YAML files that are not rulesets.
CATEGORIES_FILE = "categories.yaml"
NOT_RULESETS = {"profiles.yaml", CATEGORIES_FILE}


def shipped() -> dict[str, str]:
    """Shipped ruleset name -> YAML text, sorted by name."""
    root = resources.files("creeplint.rulesets")
    out = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")) and entry.is_file() and entry.name not in NOT_RULESETS:
            out[entry.name.rsplit(".", 1)[0]] = entry.read_text(encoding="utf-8")
    return out


@memoise
def shipped_categories() -> dict[str, Category]:
    """The shipped category taxonomy (``rulesets/categories.yaml``), by name."""
    name = f"<shipped>/{CATEGORIES_FILE}"
    text = resources.files("creeplint.rulesets").joinpath(CATEGORIES_FILE).read_text(encoding="utf-8")
    data = load_yaml(text, name)
    return {c.name: c for c in parse_categories(data if isinstance(data, dict) else {}, name)}


@memoise
def shipped_modifier_ids() -> frozenset[str]:
    """Ids of the modifiers the shipped rulesets define (read only when a rule names one
    that the loaded rulesets lack)."""
    ids = set()
    for name, text in shipped().items():
        data = load_yaml(text, f"<shipped>/{name}.yaml")
        if isinstance(data, dict):
            ids.update(m["id"] for m in data.get("modifiers") or [] if isinstance(m, dict) and "id" in m)
    return frozenset(ids)


def sources(spec: str, available: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """A shipped name, a file or a directory -> [(display name, default ruleset name, text)].
    ``available``: ``shipped()``, if the caller has read it already."""
    available = shipped() if available is None else available
    if spec in available:
        return [(f"<shipped>/{spec}.yaml", spec, available[spec])]
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise YamlError(spec, None, "directory holds no .yaml rulesets")
        return [(str(p), p.stem, p.read_text(encoding="utf-8")) for p in files]
    if path.is_file():
        try:
            return [(spec, path.stem, path.read_text(encoding="utf-8"))]
        except (OSError, UnicodeDecodeError) as exc:
            raise YamlError(spec, None, f"cannot read ruleset: {exc}") from None
    raise YamlError(
        spec, None, f"no such ruleset file, and not a shipped ruleset (shipped: {', '.join(available)})"
    )


def load(specs: list[str] | None = None) -> RuleBook:
    """Load rulesets by shipped name or path; ``None`` loads every shipped ruleset.

    Lexicons are read from every file first, so a rule may use a lexicon defined in
    another ruleset. Errors raise ``YamlError`` with ``file:line``. Valid rulesets are
    cached on disk (see ``cache``).
    """
    available = shipped()
    texts = [s for spec in (specs or list(available)) for s in sources(spec, available)]
    digest = cache.key(texts)
    book = cache.get(digest)
    if book is None:
        book = _validate(texts)
        cache.put(digest, book)
    return book


def _validate(texts: list[tuple[str, str, str]]) -> RuleBook:
    parsed = [(name, default, load_yaml(text, name)) for name, default, text in texts]
    book = RuleBook(categories=dict(shipped_categories()))
    for name, _, data in parsed:
        if isinstance(data, dict):
            for cat in parse_categories(data, name):
                if cat.name in book.categories:
                    other = book.categories[cat.name]
                    raise YamlError(name, cat.line, f"category {cat.name!r} is already defined in {other.file}")
                book.categories[cat.name] = cat
            for variant, (word, line) in parse_spellings(data, name).items():
                if book.spellings.get(variant, word) != word:
                    raise YamlError(name, line, f"variant {variant!r} already stands for {book.spellings[variant]!r}")
                book.spellings[variant] = word
            for lex in parse_lexicons(data, name):
                if lex.name in book.lexicons:
                    other = book.lexicons[lex.name]
                    raise YamlError(name, lex.line, f"lexicon {lex.name!r} is already defined in {other.file}")
                book.lexicons[lex.name] = lex
    seen: dict[str, Rule | Modifier] = {}
    for name, default, data in parsed:
        rs = parse_ruleset(data, name, set(book.lexicons), default, set(book.categories))
        for item in [*rs.rules, *rs.modifiers]:
            if item.id in seen:
                raise YamlError(name, item.line, f"duplicate id {item.id!r} (first defined in {seen[item.id].file})")
            seen[item.id] = item
        book.rulesets.append(rs)
    known = {m.id for m in book.modifiers}
    for rule in book.rules:
        for mid in rule.ignore_modifiers:
            # a shipped modifier that is not loaded (``-r cross_context`` without ``context``)
            # has nothing to ignore; only a name no ruleset defines is a mistake
            if mid not in known and mid not in shipped_modifier_ids():
                raise YamlError(rule.file, rule.line, f"rule {rule.id} ignores unknown modifier {mid!r}")
    names, ranks = set(book.lexicons), lexicon_ranks(book.lexicons)
    for item in [*book.rules, *book.modifiers]:
        for p in item.patterns:
            if isinstance(p, str) and p not in book.patterns:  # compiled while validating: memoised
                book.patterns[p] = [(pat, trigger_group(pat, ranks)) for pat in compile_pattern(p, names)]
    return book
