"""``creeplint baseline``: record today's findings for ``check --baseline``."""

from __future__ import annotations

import sys

import click

from ._common import EXIT_CLEAN, EXIT_ERROR, fail, guarded, input_options, linter, settings


@click.command("baseline")
@input_options
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the baseline to this file instead of standard output.")
def baseline_command(paths: tuple[str, ...], output: str | None, **options: object) -> None:
    """Record today's findings so 'check --baseline FILE' reports only new ones.

    \b
        creeplint baseline campaigns/ > .creeplint-baseline.json
        creeplint check --baseline .creeplint-baseline.json campaigns/

    Findings are matched by rule, file, the flagged words and their occurrence index,
    not by line, so edits elsewhere in a file keep the baseline valid. Run both commands
    from the same folder (file names are stored relative to it).
    """
    from ..reporters import guard, open_file
    from ._notes import notifier

    s = settings(options, record_baseline=True, baseline=None, jobs=1, never_read=[output] if output else [])
    lint = linter(s)
    if output:
        guarded(lambda: guard({"--output": output}, list(paths)))
    run = lint.check(paths, notify=notifier())
    try:
        for _ in run:
            pass
    except OSError as exc:
        fail(str(exc))
    assert lint.baseline is not None
    text = lint.baseline.dumps()
    if output:
        stream = guarded(lambda: open_file(output))
        stream.write(text)
        stream.close()
    else:
        click.echo(text, nl=False)
    n = len(lint.baseline.entries)
    click.echo(f"creeplint: recorded {n} finding{'s' * (n != 1)} from {run.summary.files} files", err=True)
    sys.exit(EXIT_ERROR if run.errors else EXIT_CLEAN)


COMMANDS = [baseline_command]
