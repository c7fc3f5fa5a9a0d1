"""``creeplint test-rules``: run rules' own flag/pass examples."""

from __future__ import annotations

import sys

import click

from ._common import EXIT_CLEAN, EXIT_FINDINGS, fail, load_book


@click.command("test-rules")
@click.argument("rulesets", nargs=-1, metavar="[RULESET]...")
@click.option("--alone", is_flag=True, help="Load only the given rulesets (no shipped lexicons or context).")
def test_rules(rulesets: tuple[str, ...], alone: bool) -> None:
    """Run rules' own flag/pass examples: every shipped ruleset, or only the ones given.

    A given ruleset is tested next to the shipped ones (as 'check -r' users combine them),
    so it may use the shipped lexicons and context modifiers; --alone loads it by itself.
    """
    from ..engine.core import Engine
    from ..engine.plan import compile_book
    from ..rules.loader import shipped, sources
    from ..selftest import run
    from ..yamlfile import YamlError

    specs = list(rulesets)
    if specs and not alone:
        book = load_book(tuple(dict.fromkeys([*shipped(), *specs])))
        try:
            files = {name for spec in specs for name, _, _ in sources(spec)}
        except YamlError as exc:
            fail(str(exc))
    else:
        book, files = load_book(tuple(specs)), None
    count, failures = run(Engine(compile_book(book)), book, files)
    for f in failures:
        click.echo(str(f))
    click.echo(f"{count} examples, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


COMMANDS = [test_rules]
