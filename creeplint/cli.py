"""Command line. Only option parsing and wiring live here; spaCy is imported by ``check``
and ``test-rules`` only, so ``--help``, ``rules`` and ``explain`` start fast."""

from __future__ import annotations

import os
import sys
from typing import IO, NoReturn

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"creeplint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _book(rulesets: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from .rules.loader import load
    from .yamlfile import YamlError

    try:
        return load(list(rulesets) or None)
    except YamlError as exc:
        _fail(str(exc))


def _reporter_names() -> list[str]:
    from .reporters import names

    return names()


def _reader_names() -> list[str]:
    from .readers import registry

    return sorted(registry())


class _LazyChoice(click.Choice):
    """A Choice whose values are looked up only when needed (keeps --help cheap)."""

    def __init__(self, loader) -> None:  # type: ignore[no-untyped-def]
        self._loader = loader
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self):  # type: ignore[no-untyped-def]
        return self._loader()

    @choices.setter
    def choices(self, value) -> None:  # type: ignore[no-untyped-def]
        pass


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="creeplint")
def main() -> None:
    """Lint marketing copy for personalization that feels like surveillance.

    creeplint finds phrases that reveal tracked behaviour (browsing, searches, cart, opens
    and clicks, location, bought or overheard data) or sensitive inferences about the
    reader (health, pregnancy, debt, religion, orientation, age, life events), scores each
    message 0-100, explains every finding and suggests a rewrite.

    \b
    Exit codes: 0 clean, 1 a message at or above --fail-on, 2 usage, config or input error.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--format", "-f", "fmt", type=_LazyChoice(_reporter_names), default=None,
    help="Report format. Default: pretty (plain text when not a terminal).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(["warn", "fail", "never"]), default="fail", show_default=True,
              help="Lowest verdict that makes the exit code 1.")
@click.option("--warn-at", type=click.IntRange(0, 100), default=30, show_default=True,
              help="Score from which a message gets the verdict 'warn'.")
@click.option("--fail-at", type=click.IntRange(0, 100), default=60, show_default=True,
              help="Score from which a message gets the verdict 'fail'.")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH",
              help="Ruleset to use (repeatable): a shipped name (see 'creeplint rules') or a YAML file "
                   "or folder. Default: every shipped ruleset.")
@click.option("--input-format", type=_LazyChoice(_reader_names),
              help="Read every input as this format instead of guessing from the file name.")
@click.option("--stdin-filename", metavar="NAME",
              help="File name to report (and to pick the reader by) when reading standard input ('-').")
@click.option("--model", metavar="PIPELINE",
              help="Use an installed trained spaCy pipeline (e.g. en_core_web_sm). Never downloaded.")
@click.option("--show-pass", is_flag=True, help="Also list messages without findings (pretty format).")
@click.option("--no-color", is_flag=True, help="No colours (also when NO_COLOR is set).")
def check(
    paths: tuple[str, ...], fmt: str | None, output: str | None, fail_on: str, warn_at: int, fail_at: int,
    rulesets: tuple[str, ...], input_format: str | None, stdin_filename: str | None, model: str | None,
    show_pass: bool, no_color: bool,
) -> None:
    """Check files, folders or standard input ('-') for creepy copy.

    Folders are searched recursively for every supported format; hidden files and
    folders are skipped. Each message gets a score and a verdict (pass, warn, fail).
    """
    from .files import iter_sources
    from .linter import Linter, LintOptions
    from .model import InputError, Summary
    from .readers import read_source
    from .reporters import ReportOptions, create

    if warn_at > fail_at:
        _fail(f"--warn-at ({warn_at}) must not be above --fail-at ({fail_at})")
    book = _book(rulesets)
    linter = Linter(LintOptions(rulesets=list(rulesets) or None, warn_at=warn_at, fail_at=fail_at, model=model))
    linter._book = book
    stream: IO[str]
    to_file = output is not None
    if to_file:
        try:
            stream = open(output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}")
    else:
        stream = sys.stdout
    color = not to_file and not no_color and "NO_COLOR" not in os.environ and stream.isatty()
    fmt = fmt or "pretty"
    reporter = create(
        fmt, stream,
        ReportOptions(color=color, tool_version=__version__, rules=book.rules, fail_on=fail_on, show_pass=show_pass),
    )
    summary = Summary()
    errors: list[InputError] = []

    def messages():  # type: ignore[no-untyped-def]
        for source in iter_sources(list(paths) or ["."], stdin_filename=stdin_filename,
                                   input_format=input_format):
            if isinstance(source, InputError):
                errors.append(source)
                click.echo(f"creeplint: {source}", err=True)
                continue
            summary.files += 1
            for item in read_source(source, input_format):
                if isinstance(item, InputError):
                    errors.append(item)
                    click.echo(f"creeplint: {item}", err=True)
                else:
                    yield item

    worst = {"pass": 0, "warn": 1, "fail": 2}
    threshold = {"warn": 1, "fail": 2, "never": 3}[fail_on]
    hit = False
    try:
        for result in linter.lint(messages()):
            summary.count(result)
            hit = hit or worst[result.verdict] >= threshold
            reporter.result(result)
    except OSError as exc:  # a model that cannot be loaded, say
        _fail(str(exc))
    summary.errors = len(errors)
    reporter.finish(summary, errors)
    stream.flush()
    if to_file:
        stream.close()
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if hit else EXIT_CLEAN)


@main.command()
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH", help="Rulesets to list.")
@click.option("--category", "-c", help="Only rules of this category.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rulesets: tuple[str, ...], category: str | None, fmt: str) -> None:
    """List rules: id, category, severity and what each catches."""
    book = _book(rulesets)
    selected = [r for r in book.rules if category in (None, r.category)]
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


@main.command()
@click.argument("rule_id")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH")
def explain(rule_id: str, rulesets: tuple[str, ...]) -> None:
    """Explain a rule: why it matters, what to write instead, and examples."""
    book = _book(rulesets)
    rule = book.rule(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in book.rules], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else " (see 'creeplint rules')"
        _fail(f"no rule {rule_id!r}{hint}")
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


@main.command("test-rules")
@click.argument("rulesets", nargs=-1, metavar="[RULESET]...")
def test_rules(rulesets: tuple[str, ...]) -> None:
    """Run every rule's own flag/pass examples (shipped rulesets, or the ones given).

    A user ruleset may use the shipped lexicons and modifiers: they are loaded alongside it.
    """
    from .engine import Engine
    from .rules.compile import compile_book
    from .selftest import run

    specs = list(rulesets)
    book = _book(tuple(specs))
    count, failures = run(Engine(compile_book(book)), book)
    for f in failures:
        click.echo(str(f))
    click.echo(f"{count} examples, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)
