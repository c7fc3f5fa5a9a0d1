"""``creeplint eval``: precision and recall on a labelled corpus."""

from __future__ import annotations

import sys

import click

from ._common import EXIT_CLEAN, EXIT_FINDINGS, fail


@click.command("eval")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--show", type=int, default=0, metavar="N", help="List up to N misses and N false alarms.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--min-f1", type=float, help="Exit 1 when F1 is below this.")
@click.option("--max-false-alarm-rate", type=float, help="Exit 1 when the false-alarm rate is above this.")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH")
def eval_command(corpus: str, show: int, fmt: str, min_f1: float | None, max_false_alarm_rate: float | None,
                 rulesets: tuple[str, ...]) -> None:
    """Measure detection on a labelled JSONL corpus (label: creepy | ok | borderline).

    Prints precision, recall, F1, the false-alarm rate, recall per category and channel, and
    (with --show) the misses and false alarms. Borderline lines are reported apart.
    """
    import json
    from pathlib import Path

    from ..evaluate import evaluate, parse_labels, render_text
    from ..inputs.readers import read_source
    from ..inputs.source import ReadError, Source
    from ..model import InputError, Message
    from ..settings import Settings
    from ._common import linter

    source = Source(corpus, Path(corpus).read_bytes())
    try:
        labels = parse_labels(source.text)
    except ReadError as exc:
        fail(f"{corpus}: {exc}")
    if not labels:
        fail(f"{corpus}: no line has a 'label' of creepy, ok or borderline")
    lint = linter(Settings(rulesets=list(rulesets) or None))
    items = list(read_source(source, "jsonl"))
    for item in items:
        if isinstance(item, InputError):
            click.echo(f"creeplint: {item}", err=True)
    ev = evaluate(labels, lint.lint(m for m in items if isinstance(m, Message)))
    if fmt == "json":
        click.echo(json.dumps(ev.to_dict(show), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(ev, show))
    failed = (min_f1 is not None and ev.f1 < min_f1) or (
        max_false_alarm_rate is not None and ev.false_alarm_rate > max_false_alarm_rate
    )
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


COMMANDS = [eval_command]
