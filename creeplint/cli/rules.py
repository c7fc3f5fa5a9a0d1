"""``creeplint rules`` and ``creeplint explain``: what the rules are and why."""

from __future__ import annotations

import re

import click

from ._common import fail, load_book

_EXTEND = click.option("--extend-ruleset", "extend", multiple=True, metavar="NAME|PATH",
                       help="Add a ruleset to the others (repeatable).")


@click.command()
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH",
              help="Rulesets to list instead of the shipped ones.")
@_EXTEND
@click.option("--category", "-c", help="Only rules of this category.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rulesets: tuple[str, ...], extend: tuple[str, ...], category: str | None, fmt: str) -> None:
    """List rules: id, category, severity and what each catches."""
    book = load_book(rulesets, extend)
    selected = [r for r in book.rules if category in (None, r.category)]
    if category is not None and not selected:
        known = sorted({r.category for r in book.rules})
        fail(f"no rules in category {category!r} (categories: {', '.join(known)})")
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"id": r.id, "category": r.category, "severity": r.severity, "message": r.message,
             "ruleset": rs.name}
            for rs in book.rulesets for r in rs.rules if r in selected
        ], indent=2))
        return
    width = max((len(r.id) for r in selected), default=10)
    for rs in book.rulesets:
        chosen = [r for r in rs.rules if r in selected]
        if not chosen:
            continue
        click.echo(f"# {rs.name}" + (f": {rs.description}" if rs.description else ""))
        for r in chosen:
            click.echo(f"{r.id:<{width}}  {r.severity:<7}  {r.short}")
        click.echo()
    click.echo(f"{len(selected)} rules")


@click.command()
@click.argument("rule_id")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH",
              help="Rulesets to look in instead of the shipped ones.")
@_EXTEND
def explain(rule_id: str, rulesets: tuple[str, ...], extend: tuple[str, ...]) -> None:
    """Explain a rule: why it matters, what to write instead, and examples."""
    book = load_book(rulesets, extend)
    if rule_id == "stacking/several-inferences":
        _explain_stacking(book)
        return
    rule = book.rule(rule_id)
    if rule is None:
        import difflib

        ids = [r.id for r in book.rules] + ["stacking/several-inferences"]
        close = difflib.get_close_matches(rule_id, ids, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else " (see 'creeplint rules')"
        fail(f"no rule {rule_id!r}{hint}")
    click.echo(f"{rule.id}  [{rule.category}, {rule.severity}]")
    click.echo()
    click.echo(f"Why: {rule.message}")
    found = _example_finding(rule, rulesets, extend)
    click.echo(f"Instead: {_rendered(rule, found)}")
    category = book.categories.get(rule.category)
    if rule.source:
        click.echo(f"Policy: {rule.source}")
    if category is not None and category.policy and category.policy != rule.source:
        click.echo(f"Category policy ({rule.category}): {category.policy}")
    lexicons = sorted({m for m in re.findall(r"@([A-Za-z_]\w*)", repr(rule.patterns)) if m in book.lexicons})
    if lexicons:
        click.echo()
        click.echo("Lexicons:")
        for name in lexicons:
            lex = book.lexicons[name]
            terms = ", ".join(lex.terms[:12]) + (f", … ({len(lex.terms)} terms)" if len(lex.terms) > 12 else "")
            click.echo(f"  @{name} ({lex.signal or name}): {terms}")
    if found is not None and found.signals:
        click.echo()
        click.echo(f"Signals in \"{rule.examples_flag[0]}\":")
        click.echo("  " + ", ".join(f'{sig.name} "{sig.text}"' for sig in found.signals))
    click.echo()
    click.echo("Flagged:")
    for ex in rule.examples_flag:
        click.echo(f"  - {ex}")
    click.echo("Passes:")
    for ex in rule.examples_pass:
        click.echo(f"  - {ex}")
    click.echo()
    click.echo(f"Defined in {rule.file}" + (f":{rule.line}" if rule.line else ""))


_LINTERS: dict = {}


def _example_finding(rule, rulesets: tuple[str, ...], extend: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The rule's finding on its first must-flag example, from the real pipeline (loaded once
    per process: tests explain every rule in one), or None."""
    if not rule.examples_flag:
        return None
    from ..linter import Linter
    from ..settings import Settings

    key = (rulesets, extend)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Settings(rulesets=list(rulesets) or None, extend_rulesets=list(extend)))
    for result in _LINTERS[key].lint([{"id": "example", "text": rule.examples_flag[0]}]):
        for f in result.findings:
            if f.rule == rule.id:
                return f
    return None


def _rendered(rule, found) -> str:  # type: ignore[no-untyped-def]
    """The suggestion as a report shows it: ``{match}`` filled in from the first example."""
    if "{match}" not in rule.suggestion or not rule.examples_flag:
        return rule.suggestion
    example = rule.examples_flag[0]
    if found is not None:
        return f"{found.suggestion}  (for the example \"{example}\")"
    return rule.suggestion.replace("{match}", example)


def _explain_stacking(book) -> None:  # type: ignore[no-untyped-def]
    """The derived finding, explained by deriving it from two sample findings."""
    from ..findings.derive import STACKING_CATEGORY, STACKING_RULE, stacking
    from ..model import Finding

    cats = sorted(book.stacking_categories())[:2]
    samples = [Finding(f"{c}/sample", c, "error", "", "", i * 10, i * 10 + 5, "x", weight=0.75)
               for i, c in enumerate(cats)]
    derived = stacking(samples, frozenset(cats), 0.3)
    click.echo(f"{STACKING_RULE}  [{STACKING_CATEGORY}, warning; derived from other findings]")
    click.echo()
    if derived is not None:
        click.echo(f"Why: {derived.message}")
        click.echo(f"Instead: {derived.suggestion}")
    click.echo()
    click.echo("Added when a message has findings in two or more distinct categories that stack "
               f"({', '.join(sorted(book.stacking_categories()))}); each extra category raises its weight "
               "(the profile's stacking step). Switch it off or change its level like any rule: "
               f"'rules: {{{STACKING_RULE}: off}}' in the config.")


COMMANDS = [rules, explain]
