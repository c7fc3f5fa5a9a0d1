"""``creeplint rules`` and ``creeplint explain``: what the rules are and why."""

from __future__ import annotations

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
    rule = book.rule(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in book.rules], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else " (see 'creeplint rules')"
        fail(f"no rule {rule_id!r}{hint}")
    click.echo(f"{rule.id}  [{rule.category}, {rule.severity}]")
    click.echo()
    click.echo(f"Why: {rule.message}")
    click.echo(f"Instead: {rule.suggestion}")
    if rule.source:
        click.echo(f"Policy: {rule.source}")
    click.echo()
    click.echo("Flagged:")
    for ex in rule.examples_flag:
        click.echo(f"  - {ex}")
    click.echo("Passes:")
    for ex in rule.examples_pass:
        click.echo(f"  - {ex}")
    click.echo()
    click.echo(f"Defined in {rule.file}" + (f":{rule.line}" if rule.line else ""))


COMMANDS = [rules, explain]
