"""``creeplint check``: parse options, then let ``Linter.check`` do the work."""

from __future__ import annotations

import os
import shutil
import sys

import click

from .. import __version__
from ._common import EXIT_INTERRUPTED, check_options, fail, guarded, input_options, linter, note, settings

_HUMAN = ("pretty", "concise")  # formats that list input errors themselves


@click.command()
@input_options
@check_options
def check(paths: tuple[str, ...], output: str | None, sarif_file: str | None, show_pass: bool, no_color: bool,
          no_gitignore: bool, explain: bool, verbose: bool, quiet: bool, statistics: bool, **options: object) -> None:
    """Check files, folders or standard input ('-') for creepy copy.

    Folders are searched recursively for every supported format; hidden files and
    folders, YAML/JSON that is not a campaign and creeplint's own reports are skipped.
    Standard input is plain text unless --stdin-filename or --input-format says otherwise.
    Campaign files with journey fields (trigger, delay, frequency, audience) are checked
    for creepy timing, cadence and targeting too. Each message gets a score and a verdict
    (pass, warn, fail). Settings come from the command line, then the config file, then defaults.
    """
    from ..reporters import Outputs, ReportOptions
    from ._notes import after_run, notifier, stdin_hint

    s = settings(options, gitignore=not no_gitignore, never_read=[p for p in (output, sarif_file) if p])
    lint = linter(s)
    fmt = s.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "pretty")
    color = not output and not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if not output and sys.stdout.isatty() else None
    report = ReportOptions(color=color, tool_version=__version__, rules=lint.book.rules, fail_on=s.fail_on,
                           show_pass=show_pass, categories=lint.book.categories, explain=explain or verbose,
                           quiet=quiet, statistics=statistics, width=width, source=lint.source_text)
    out = guarded(lambda: Outputs(fmt, report, output, sarif_file, list(paths)))
    stdin_hint(paths, s.stdin_filename)
    run = lint.check(paths, notify=notifier(verbose, errors_in_report=fmt in _HUMAN and not output))
    try:
        for result in run:
            out.result(result)
    except BrokenPipeError:
        raise
    except OSError as exc:  # a model that cannot be loaded, say
        fail(str(exc))
    except KeyboardInterrupt:
        out.discard()
        note("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    out.finish(run.summary, run.errors)
    after_run(run, lint, s, verbose)
    sys.exit(run.exit_code)


COMMANDS = [check]
