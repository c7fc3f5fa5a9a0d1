"""The rule book: every ruleset, rule, modifier and lexicon loaded for one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .language import compile_pattern
from .schema import Category, Lexicon, Modifier, Rule, Ruleset
from .triggers import lexicon_ranks, trigger_group


@dataclass
class RuleBook:
    """Everything loaded for one run: rulesets, with every rule, modifier and lexicon."""

    rulesets: list[Ruleset] = field(default_factory=list)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    # every category rules may use: the shipped taxonomy plus what loaded rulesets declare
    categories: dict[str, Category] = field(default_factory=dict)
    # register variant -> the word matching reads it as ("u" -> "you"); see ``schema.parse_spellings``
    spellings: dict[str, str] = field(default_factory=dict)
    # each rule-language pattern -> its token patterns, each with its trigger group (see
    # ``triggers.trigger_group``): worked out while validating, and cached with the book
    patterns: dict[str, list[tuple[list[dict[str, Any]], str | None]]] = field(default_factory=dict)

    def compiled(self, pattern: str | list) -> list[tuple[list[dict[str, Any]], str | None]]:
        """The token patterns a rule or modifier pattern stands for, with their trigger groups."""
        if isinstance(pattern, str) and pattern in self.patterns:
            return self.patterns[pattern]
        ranks = lexicon_ranks(self.lexicons)
        return [(pat, trigger_group(pat, ranks)) for pat in compile_pattern(pattern, set(self.lexicons))]

    @property
    def rules(self) -> list[Rule]:
        return [r for rs in self.rulesets for r in rs.rules]

    @property
    def modifiers(self) -> list[Modifier]:
        return [m for rs in self.rulesets for m in rs.modifiers]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def stacking_categories(self) -> frozenset[str]:
        """Categories whose findings count toward the stacking finding."""
        return frozenset(name for name, c in self.categories.items() if c.stacks)
